## Yr hafan, negeseuon yn yr ap ac e-byst.

home-title = Hafan
home-intro = Beth sy'n newydd i chi, a ble i fynd nesaf.
home-notices-title = Negeseuon i chi
home-no-notices = Nid oes gennych negeseuon.
home-new = Newydd
home-next-title = Mynd i

notice-welcome = Croeso! Mae gennych gyfrif Cairn bellach. Sefydliad: { $organisation }.
notice-record-updated = Mae { $by } wedi diweddaru eich cofnod ar eich rhan.
notice-buddy-paired-newcomer = Mae gennych gyfaill: { $name }. Dyddiad dechrau: { $date }. Gallwch weld y manylion ar y dudalen "Fy nghyfaill".
notice-buddy-paired-buddy = Chi yw cyfaill { $name } bellach. Dyddiad dechrau: { $date }. Gallwch weld y manylion ar y dudalen "Fy nghyfaill".
notice-profile-updated = Mae { $by } wedi newid eich proffil ar eich rhan.
notice-pathway-step = Mae { $by } wedi ychwanegu cam at eich llwybr.
notice-level-decided = Mae { $by } wedi cofnodi'r penderfyniad a wnaethoch gyda'ch gilydd am eich lefel.
notice-interest-recorded = Mae eich diddordeb yn y rôl "{ $role_cy }" wedi'i gofnodi ar eich rhan. Agorwch y dudalen "Cyfleoedd" i'w weld.
notice-interest-moved = Mae newyddion am eich diddordeb yn y rôl "{ $role_cy }". Agorwch y dudalen "Cyfleoedd" i'w weld.
notice-stepped-down = Rydym wedi cofnodi eich bod wedi camu i lawr o'r rôl "{ $role_cy }".
notice-left-recorded = Rydym wedi cofnodi eich bod wedi gadael. Diolch am bopeth rydych wedi'i wneud.

email-invitation-subject = Eich cyfrif Cairn. Sefydliad: { $organisation }
email-invitation-body =
    Helo { $name },

    Mae { $organisation } wedi rhoi cyfrif Cairn i chi. Yno gallwch weld beth sy'n digwydd a chymryd rhan.

    Dewiswch eich cyfrinair yma (mae'r ddolen yn gweithio unwaith, am 7 niwrnod):
    { $link }

    Os nad oeddech yn disgwyl yr e-bost hwn, gallwch ei anwybyddu.

email-password-reset-subject = Dewis cyfrinair newydd i Cairn. Sefydliad: { $organisation }
email-password-reset-body =
    Helo,

    Gofynnodd rhywun am gael dewis cyfrinair newydd i'ch cyfrif Cairn gyda { $organisation }.

    Dewiswch ef yma (mae'r ddolen yn gweithio unwaith, am awr):
    { $link }

    Os nad chi oedd hyn, gallwch anwybyddu'r e-bost hwn: bydd eich cyfrinair yn aros fel y mae.

home-surveys-title = Arolygon i chi
home-survey-answered = wedi'i ateb, diolch
home-survey-closes = yn cau ar { $date }
