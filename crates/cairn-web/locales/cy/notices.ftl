## Yr hafan, negeseuon yn yr ap ac e-byst.

home-title = Hafan
home-intro = Beth sy'n newydd i chi, a ble i fynd nesaf.
home-notices-title = Negeseuon i chi
home-no-notices = Nid oes gennych negeseuon.
home-new = Newydd
home-next-title = Mynd i

notice-welcome = Croeso! Mae gennych gyfrif Cairn bellach. Sefydliad: { $organisation }.
notice-record-updated = Mae { $by } wedi diweddaru eich cofnod ar eich rhan.

email-invitation-subject = Eich cyfrif Cairn. Sefydliad: { $organisation }
email-invitation-body =
    Helo { $name },

    Mae { $organisation } wedi rhoi cyfrif Cairn i chi. Yno gallwch weld beth sy'n digwydd a chymryd rhan.

    Dewiswch eich cyfrinair yma (mae'r ddolen yn gweithio unwaith, am 7 diwrnod):
    { $link }

    Os nad oeddech yn disgwyl yr e-bost hwn, gallwch ei anwybyddu.
