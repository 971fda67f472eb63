// The meetings journey, in English and in Welsh: the co-production lead sets up a group with a
// representation rule (at least one service user and one carer), adds Alex (a service user) and
// Mair (a carer), and plans a meeting for tomorrow with the standing agenda. Alex says "I'm
// coming" from a phone; the meeting page warns that no carer has said so, until the lead records
// that Mair is coming too. A second meeting, already under way today, has its attendance
// recorded and meets the rule; its name cards print, and the representation report shows it.
// Every page is checked with axe.
import { test, expect, checkA11y, londonDate, signIn, signOut } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

const WORDS = {
  en: { standing: ['Meeting representation', 'Service-user and carer issues'], coming: 'Coming', overdue: 'Overdue actions' },
  cy: {
    standing: ['Cynrychiolaeth yn y cyfarfod', 'Materion defnyddwyr gwasanaeth a gofalwyr'],
    coming: 'Yn dod',
    overdue: "Camau gweithredu sy'n hwyr",
  },
} as const;

/** The London date and 24-hour time `minutes` from now (a meeting can last at most 12 hours, so
 * one "under way now" is planned around the present moment, not across the whole day). */
function londonClock(minutes: number): { on: { day: string; month: string; year: string }; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    on: { day: String(Number(part('day'))), month: String(Number(part('month'))), year: part('year') },
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** The value of the option whose text starts with `name (` (people are listed as "Name (constituency)"). */
async function optionFor(select: Locator, name: string): Promise<string> {
  const options = await select.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, text: (o.textContent ?? '').trim() })),
  );
  const found = options.find((o) => o.value !== '' && o.text.startsWith(`${name} (`));
  expect(found, `${name} is offered in the list of people`).toBeTruthy();
  return found!.value;
}

/** Plans a meeting from the group page; returns the new meeting's id (the page ends on it). */
async function planMeeting(
  page: Page,
  group: string,
  on: { day: string; month: string; year: string },
  starts: string,
  ends: string,
  place: string,
): Promise<string> {
  await page.goto(`/meetings/groups/${group}`);
  await checkA11y(page);
  await page.locator(`main a[href="/meetings/groups/${group}/schedule"]`).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/groups/${group}/schedule$`));
  await checkA11y(page);
  const form = page.locator(`main form[action="/meetings/groups/${group}/schedule"]`);
  await form.locator('input[name="on_day"]').fill(on.day);
  await form.locator('input[name="on_month"]').fill(on.month);
  await form.locator('input[name="on_year"]').fill(on.year);
  await form.locator('input[name="starts"]').fill(starts);
  await form.locator('input[name="ends"]').fill(ends);
  await form.locator('input[name="place"]').fill(place);
  await form.locator('input[name="arrangements"][value="refreshments"]').check();
  await form.locator('input[name="arrangements"][value="quiet_space"]').check();
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/meetings\/\d+(#.*)?$/);
  await checkA11y(page);
  return new URL(page.url()).pathname.split('/')[2];
}

for (const lang of ['en', 'cy'] as const) {
  test(`a group's meetings meet their representation rule in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ page, browser }) => {
    // A long journey over two browser contexts: give it more than the default minute.
    test.setTimeout(120_000);
    const stamp = `${lang}-${Date.now()}`;
    const nameEn = `Recovery forum ${stamp}`;
    const nameCy = `Fforwm adferiad ${stamp}`;
    const groupName = lang === 'en' ? nameEn : nameCy;

    // 1. The lead adds a group; an empty form is refused with an error summary.
    await signIn(page, 'lead@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/meetings`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkA11y(page);
    await page.locator('main a[href="/meetings/groups/new"]').click();
    await expect(page).toHaveURL(/\/meetings\/groups\/new$/);
    await checkA11y(page);
    const groupForm = page.locator('main form[action="/meetings/groups/new"]');
    await groupForm.locator('button[type="submit"]').click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expect(page.locator('.nhsuk-error-summary a[href="#name_en"]')).toBeVisible();
    await expect(page.locator('.nhsuk-error-summary a[href="#kind"]')).toBeVisible();
    await checkA11y(page);

    await groupForm.locator('input[name="name_en"]').fill(nameEn);
    await groupForm.locator('input[name="name_cy"]').fill(nameCy);
    await groupForm.locator('input[name="kind"][value="forum"]').check();
    // Alex and Mair belong to Bedw House (Tŷ Bedw); a unit's group offers the unit's people.
    const unitSelect = groupForm.locator('select[name="unit_id"]');
    const units = await unitSelect.locator('option').evaluateAll((os) =>
      os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })),
    );
    const bedw = units.find((u) => u.value !== '' && u.text.includes('Bedw'));
    expect(bedw, 'the demo has Bedw House').toBeTruthy();
    await unitSelect.selectOption(bedw!.value);
    await groupForm.locator('input[name="usual_place"]').fill('Bedw House day room');
    await groupForm.locator('textarea[name="role_en"]').fill('To hear from people who use the service and their carers.');
    await groupForm.locator('textarea[name="role_cy"]').fill("Clywed gan bobl sy'n defnyddio'r gwasanaeth a'u gofalwyr.");
    // The rule: at least one service user and at least one carer, nobody else required.
    await groupForm.locator('input[name="min_service_user"]').fill('1');
    await groupForm.locator('input[name="min_carer"]').fill('1');
    await groupForm.locator('input[name="min_staff"]').fill('0');
    await groupForm.locator('input[name="min_third_sector"]').fill('0');
    await groupForm.locator('input[name="min_manager"]').fill('0');
    await groupForm.locator('textarea[name="standing"]').fill('Garden project');
    await groupForm.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/meetings\/groups\/\d+$/);
    await expect(page.locator('main h1')).toHaveText(groupName);
    await checkA11y(page);
    const group = new URL(page.url()).pathname.split('/')[3];

    // 2. Alex (service user) and Mair (carer) join the group.
    const addForm = page.locator(`main form[action="/meetings/groups/${group}/members"]:has(select[name="person_id"])`);
    const alex = await optionFor(addForm.locator('select[name="person_id"]'), 'Alex');
    const mair = await optionFor(addForm.locator('select[name="person_id"]'), 'Mair');
    await addForm.locator('select[name="person_id"]').selectOption(alex);
    await addForm.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/meetings/groups/${group}(#members)?$`));
    await checkA11y(page);
    await addForm.locator('select[name="person_id"]').selectOption(mair);
    await addForm.locator('button[type="submit"]').click();
    await checkA11y(page);
    const removeForms = page.locator(`main form[action="/meetings/groups/${group}/members"]:has(input[name="action"][value="remove"])`);
    await expect(removeForms.locator(`input[name="person_id"][value="${alex}"]`)).toHaveCount(1);
    await expect(removeForms.locator(`input[name="person_id"][value="${mair}"]`)).toHaveCount(1);

    // 3. A meeting tomorrow starts with the standing agenda (and the group's own item).
    const tomorrow = await planMeeting(page, group, londonDate(1), '14:00', '15:30', 'Bedw House day room');
    const agenda = page.locator('#agenda + ol');
    await expect(agenda.locator('li').nth(0)).toContainText(WORDS[lang].standing[0]);
    await expect(agenda.locator('li').nth(1)).toContainText(WORDS[lang].standing[1]);
    await expect(agenda.locator('li').nth(2)).toContainText('Garden project');
    // Nobody has said they are coming yet.
    await expect(page.locator('#representation-warning')).toBeVisible();

    // The calendar invitation.
    const ics = await page.request.get(`/meetings/${tomorrow}/invite.ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');

    // 4. Alex, on a phone, says he is coming.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const alexPage = await phone.newPage();
    await signIn(alexPage, 'member@demo.cairn.test');
    await checkA11y(alexPage);
    await alexPage.goto(`/language?to=${lang}&next=/my-meetings`);
    await expect(alexPage.locator('html')).toHaveAttribute('lang', lang);
    await expect(alexPage).toHaveURL(/\/my-meetings$/);
    await checkA11y(alexPage);
    const card = alexPage.locator(`#meeting-${tomorrow}`);
    await expect(card).toContainText(groupName);
    await card
      .locator(`form[action="/meetings/${tomorrow}/reply"]:has(input[name="reply"][value="confirmed"]) button[type="submit"]`)
      .click();
    await expect(alexPage).toHaveURL(new RegExp(`/my-meetings(#meeting-${tomorrow})?$`));
    await expect(alexPage.locator(`#meeting-${tomorrow}`)).toContainText(WORDS[lang].coming);
    await checkA11y(alexPage);
    await phone.close();

    // The lead sees the warning: a service user is coming, but no carer.
    await page.goto('/meetings');
    await expect(page.locator(`main a[href="/meetings/${tomorrow}"]`)).toBeVisible();
    await checkA11y(page);
    await page.locator(`main a[href="/meetings/${tomorrow}"]`).click();
    await expect(page.locator('#representation-warning')).toBeVisible();
    const replies = page.locator('main table');
    await expect(replies.locator('tr', { hasText: 'Alex' })).toContainText(WORDS[lang].coming);
    await checkA11y(page);

    // 5. The lead records that Mair is coming; the warning goes.
    await page
      .locator(
        `main form[action="/meetings/${tomorrow}/reply"]:has(input[name="person_id"][value="${mair}"]):has(input[name="reply"][value="confirmed"]) button[type="submit"]`,
      )
      .click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${tomorrow}(#replies)?$`));
    await expect(page.locator('#representation-warning')).toHaveCount(0);
    await expect(replies.locator('tr', { hasText: 'Mair' })).toContainText(WORDS[lang].coming);
    await checkA11y(page);

    // 6. A meeting under way now (half an hour in, for two hours; past midnight it ends the next
    // day): the lead records who came, and the rule is met.
    const began = londonClock(-30);
    const today = await planMeeting(page, group, began.on, began.time, londonClock(90).time, 'Bedw House day room');
    const attendance = page.locator(`main form[action="/meetings/${today}/attendance"]`);
    await attendance.locator(`input[name="presence_${alex}"][value="attended"]`).check();
    await attendance.locator(`input[name="presence_${mair}"][value="attended"]`).check();
    await attendance.locator('input[name="others_count"]').fill('2');
    await attendance.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${today}(#attendance)?$`));
    const outcome = page.locator('#representation-outcome');
    await expect(outcome).toBeVisible();
    await expect(outcome.locator('.nhsuk-tag--green')).toBeVisible();
    await expect(outcome.locator('.nhsuk-tag--red')).toHaveCount(0);
    await expect(outcome).toContainText(': 2');
    await expect(page.locator('#representation-warning')).toHaveCount(0);
    await checkA11y(page);

    // 7. Name cards for the people who came, on screen and on paper.
    await page.locator(`main a[href="/meetings/${today}/name-cards"]`).click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${today}/name-cards$`));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const names = page.locator('.cairn-card__front .cairn-card__name');
    await expect(names).toHaveCount(2);
    await expect(names.filter({ hasText: 'Alex' })).toBeVisible();
    await expect(names.filter({ hasText: 'Mair' })).toBeVisible();
    // A printed bilingual card: the group's Welsh name first, then its English one.
    const cardGroup = page.locator('.cairn-card__front .cairn-card__group').first();
    await expect(cardGroup).toHaveText(`${nameCy} / ${nameEn}`);
    await expect(cardGroup.locator('[lang="cy"]')).toHaveText(nameCy);
    await expect(cardGroup.locator('[lang="en"]')).toHaveText(nameEn);
    // The upside-down copy for the other side of the fold is for paper only.
    await expect(page.locator('.cairn-card__back').first()).toBeHidden();
    await checkA11y(page);
    await page.emulateMedia({ media: 'print' });
    await expect(names.filter({ hasText: 'Alex' })).toBeVisible();
    await expect(names.filter({ hasText: 'Mair' })).toBeVisible();
    await expect(page.locator('.cairn-cards__intro')).toBeHidden();
    await expect(page.locator('.cairn-card__back').first()).toBeVisible();
    // On paper each card is half an A4 sheet, with the name in very large type.
    const cardHeight = await page.locator('.cairn-card').first().evaluate((e) => e.getBoundingClientRect().height);
    expect(cardHeight, 'a printed card is about half an A4 page tall').toBeGreaterThan(400);
    const fontSize = await names.first().evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(fontSize, 'the name is in very large type').toBeGreaterThanOrEqual(48);
    await checkA11y(page);
    await page.emulateMedia({ media: 'screen' });

    // 8. The representation report: the chart and the tables, and its CSV.
    await page.goto('/meetings/representation');
    await expect(page.locator('main svg[role="img"]')).toHaveCount(1);
    await expect(page.locator('main table')).toHaveCount(3);
    await expect(page.locator('main table').nth(1)).toContainText(groupName);
    await checkA11y(page);
    const csv = await page.request.get('/meetings/representation.csv');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');

    // 9. Every overdue action, the longest overdue first (the meetings page shows ten and links
    // here when there are more).
    await page.goto('/meetings/actions/overdue');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('main h1')).toHaveText(WORDS[lang].overdue);
    await expect(page.locator('main a.nhsuk-back-link')).toHaveAttribute('href', '/meetings');
    await checkA11y(page);

    await page.goto('/home');
    await checkA11y(page);
    await signOut(page);
    await checkA11y(page);
  });
}

// A member, on a phone, opens their own meetings from "My meetings": one already held, with its
// agenda, minutes and their own actions, and one still to come, where they can reply. Another
// group's meeting is not theirs to open.
for (const lang of ['en', 'cy'] as const) {
  test(`a member opens their own meetings on a phone in ${lang === 'en' ? 'English' : 'Welsh'} (${lang})`, async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, 'member@demo.cairn.test');
    await checkA11y(page);
    await page.goto(`/language?to=${lang}&next=/my-meetings`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page).toHaveURL(/\/my-meetings$/);
    await checkA11y(page);

    // A meeting already held: its agenda starts with the standing items; the minutes section and
    // the member's own actions are there.
    const held = page.locator('#earlier + ul a[href^="/my-meetings/"]').first();
    await expect(held).toBeVisible();
    const heldPath = await held.getAttribute('href');
    await held.click();
    await expect(page).toHaveURL(new RegExp(`${heldPath}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('#agenda + ol li').nth(0)).toContainText(WORDS[lang].standing[0]);
    await expect(page.locator('#agenda + ol li').nth(1)).toContainText(WORDS[lang].standing[1]);
    await expect(page.locator('#minutes')).toBeVisible();
    await expect(page.locator('#my-actions')).toBeVisible();
    // Nothing about anyone else: no list of replies or attendance, no representation figures.
    await expect(page.locator('main table')).toHaveCount(0);
    await expect(page.locator('#representation-outcome')).toHaveCount(0);
    await checkA11y(page);

    // A meeting to come, opened from its card, where the member can say they are coming (the
    // last card: the soonest may already be under way).
    await page.locator('main a.nhsuk-back-link[href="/my-meetings"]').click();
    await expect(page).toHaveURL(/\/my-meetings$/);
    await checkA11y(page);
    const card = page.locator('main .nhsuk-card').last();
    await expect(card).toBeVisible();
    const cardId = (await card.getAttribute('id'))!.replace('meeting-', '');
    await card.locator(`a[href="/my-meetings/${cardId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/my-meetings/${cardId}$`));
    await expect(page.locator('#agenda + ol li').first()).toContainText(WORDS[lang].standing[0]);
    await checkA11y(page);
    await page
      .locator(`main form[action="/meetings/${cardId}/reply"]:has(input[name="reply"][value="confirmed"]) button[type="submit"]`)
      .click();
    await expect(page).toHaveURL(new RegExp(`/my-meetings/${cardId}$`));
    await expect(page.locator('main dl')).toContainText(WORDS[lang].coming);
    await checkA11y(page);

    // A meeting that is not theirs (here, no meeting at all) is not found.
    const res = await page.request.get('/my-meetings/999999999');
    expect(res.status()).toBe(404);
    await phone.close();
  });
}
