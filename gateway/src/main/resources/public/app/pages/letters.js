// Demand letters. DOJ writes one to every jurisdiction a registry filter finds (previewed with its
// count before sending) and follows each letter: who answered, who is late. Auditors read.
// Officials and legal officers see the letters sent to their jurisdiction.
import { get, post } from '../api.js';
import { add, fill, h, table, message, errorText, field, select, localDeadline, date, redrawWith } from '../ui.js';

const STATUS = { AWAITING: 'Awaiting answer', ANSWERED: 'Answered — awaiting DOJ', MORE_REQUESTED: 'DOJ asked for more', ACCEPTED: 'Accepted', CLOSED: 'Closed' };
export function demandBadge(d) {
  if (d.late) return h('span', { class: 'badge badge-overdue' }, '⚠ LATE');
  return h('span', { class: 'badge badge-' + d.status.toLowerCase() }, STATUS[d.status] || d.status);
}

export default async function (main, { role }) {
  if (role === 'JURISDICTION_OFFICIAL' || role === 'LEGAL_OFFICER') return received(main);
  const letters = await get('/api/letters');
  add(main, h('h1', {}, 'Demand letters'),
    table('Letters sent, newest first', ['Subject', 'Sent', 'Due (each recipient\'s local time)', 'Recipients', 'Answered', 'Late', 'Accepted', 'Status'],
      letters.map(l => h('tr', { dataset: { letterId: l.id } },
        h('td', {}, h('a', { href: '#/letters/' + l.id }, l.subject)),
        h('td', {}, date(l.sentAt)), h('td', {}, `${l.deadlineDate} ${l.deadlineTime.slice(0, 5)}`),
        h('td', { class: 'num' }, String(l.recipients)), h('td', { class: 'num' }, String(l.answered)),
        h('td', { class: 'num' + (l.late ? ' late' : '') }, String(l.late)), h('td', { class: 'num' }, String(l.accepted)),
        h('td', {}, l.status === 'CLOSED' ? 'Closed' : 'Open'))), { id: 'letters' }));
  if (role === 'DOJ_OFFICER' || role === 'ADMIN') add(main, composeForm());
}

async function received(main) {
  const demands = await get('/api/letters/demands');
  add(main, h('h1', {}, 'Letters from DOJ'),
    table('Letters to answer, earliest deadline first', ['Letter', 'Due (local time)', 'Status'],
      demands.map(d => h('tr', { id: 'demand-' + d.id, class: d.late ? 'overdue' : null },
        h('td', {}, h('a', { href: '#/demands/' + d.id }, d.subject)),
        h('td', {}, localDeadline(d)), h('td', {}, demandBadge(d)))), { id: 'demands' }));
}

function questionRow(list) {
  const text = h('textarea', { class: 'q-text', maxlength: '2000', required: true, 'aria-label': 'Question' });
  const who = select('signerRole', [['JURISDICTION_OFFICIAL', 'Answered by an official'], ['LEGAL_OFFICER', 'Signed by the legal officer']],
    'JURISDICTION_OFFICIAL', { class: 'q-role', 'aria-label': 'Who answers' });
  const row = h('div', { class: 'card question' }, text, who,
    h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, 'Remove question'));
  list.append(row);
  return row;
}

function composeForm() {
  const subject = h('input', { id: 'letter-subject', maxlength: '300', required: true });
  const body = h('textarea', { id: 'letter-body', maxlength: '20000', required: true });
  const questions = h('div', { id: 'letter-questions' });
  questionRow(questions);
  const deadline = h('input', { id: 'letter-deadline', type: 'date', min: '1900-01-01', max: '2199-12-31', required: true });
  const time = h('input', { id: 'letter-time', type: 'time', value: '17:00' });
  const state = h('input', { id: 'r-state', maxlength: '2', placeholder: 'e.g. CA', autocomplete: 'off' });
  const type = select('type', [['', 'Any type'], ['STATE', 'State'], ['COUNTY', 'County'], ['CITY', 'City'], ['TOWN', 'Town'], ['TRIBAL', 'Tribal'], ['OTHER', 'Other']], '', { id: 'r-type' });
  const detainers = select('detainerPolicy', [['', 'Any detainer policy'], ['HONOURS_ALL', 'Honours all detainers'], ['JUDICIAL_WARRANT_ONLY', 'Judicial warrant only'],
    ['HONOURS_NONE', 'Declines detainers'], ['NO_POLICY', 'No policy']], '', { id: 'r-detainers' });
  const access = select('facilityAccess', [['', 'Any facility access'], ['YES', 'Federal access: yes'], ['PARTIAL', 'Partial'], ['NO', 'No']], '', { id: 'r-access' });
  const list = h('textarea', { id: 'r-list', placeholder: 'Optional: jurisdiction ids, one a line (a named list)' });
  const preview = h('div', { id: 'recipients-preview', 'aria-live': 'polite' });
  const status = h('div', { id: 'letter-status', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', id: 'send-letter', disabled: true }, 'Send');
  let confirmed = null;

  function filter() {
    const f = {};
    if (state.value.trim()) f.state = state.value.trim().toUpperCase();
    if (type.value) f.type = type.value;
    if (detainers.value) f.detainerPolicy = detainers.value;
    if (access.value) f.facilityAccess = access.value;
    const ids = list.value.split(/\s+/).map(s => s.trim()).filter(Boolean);
    if (ids.length) f.jurisdictionIds = ids;
    return f;
  }
  const invalidate = () => { confirmed = null; send.disabled = true; send.textContent = 'Send'; };
  [state, type, detainers, access, list].forEach(el => el.addEventListener('change', invalidate));

  const previewButton = h('button', { type: 'button', id: 'preview-recipients', class: 'secondary', onclick: async () => {
    fill(preview); invalidate();
    try {
      const f = filter();
      const found = await post('/api/letters/recipients', f);
      confirmed = JSON.stringify(f);
      fill(preview, h('p', { id: 'recipient-count' }, `${found.count} jurisdiction${found.count === 1 ? '' : 's'} will receive this letter.`),
        h('ul', { class: 'recipients' }, found.recipients.slice(0, 100).map(r => h('li', {}, `${r.name}, ${r.state || ''} (${r.timeZone})`))));
      send.disabled = found.count === 0;
      send.textContent = `Send to ${found.count} jurisdiction${found.count === 1 ? '' : 's'}`;
    } catch (e) { fill(preview, message('error', errorText(e))); }
  } }, 'Preview recipients');

  const form = h('form', { class: 'card', id: 'compose', 'aria-labelledby': 'compose-heading', onsubmit: async (e) => {
    e.preventDefault();
    fill(status);
    const f = filter();
    if (confirmed !== JSON.stringify(f)) { fill(status, message('error', 'Preview the recipients again: the filter changed.')); return; }
    const qs = [...questions.querySelectorAll('.question')].map(q => ({ text: q.querySelector('.q-text').value.trim(), signerRole: q.querySelector('.q-role').value }));
    send.disabled = true;
    try {
      const letter = await post('/api/letters', { subject: subject.value.trim(), body: body.value.trim(), questions: qs,
        deadlineDate: deadline.value, deadlineTime: time.value || null, recipients: f });
      fill(status, message('ok', `Sent to ${letter.recipients} jurisdictions.`));
      setTimeout(() => { location.hash = '#/letters/' + letter.id; }, 400);
    } catch (err) { fill(status, message('error', 'The letter was not sent. ' + errorText(err))); send.disabled = false; }
  } },
  h('h2', { id: 'compose-heading' }, 'Write a letter'),
  field('Subject', subject), field('Letter', body),
  h('fieldset', {}, h('legend', {}, 'Questions to answer'), questions,
    h('button', { type: 'button', id: 'add-question', class: 'secondary', onclick: () => questionRow(questions) }, 'Add a question')),
  field('Respond by (date)', deadline, 'In each recipient\'s own local time.'), field('At (local time)', time),
  h('fieldset', {}, h('legend', {}, 'Recipients: the registry\'s filters, and the policy in force today'),
    field('State', state), field('Type', type), field('Detainer policy', detainers), field('Federal access to facilities', access),
    field('Named list', list), previewButton, preview),
  status, send);
  return form;
}

export async function letterPage(main, { params, role }) {
  const l = await get('/api/letters/' + encodeURIComponent(params.id));
  const decides = role === 'DOJ_OFFICER' || role === 'ADMIN';
  const status = h('div', { id: 'close-status', 'aria-live': 'polite' });
  add(main, h('p', {}, h('a', { href: '#/letters' }, '← Letters')),
    h('h1', {}, l.subject),
    h('p', { id: 'letter-summary' }, `${l.recipients} recipients · ${l.answered} answered · ${l.late} late · ${l.accepted} accepted · ${l.status === 'CLOSED' ? 'closed' : 'open'}`),
    h('div', { class: 'fulltext' }, l.body),
    h('h2', {}, 'Questions'),
    h('ol', {}, l.questions.map(q => h('li', {}, q.text, ' ', h('span', { class: 'hint' }, q.signerRole === 'LEGAL_OFFICER' ? '(signed by the legal officer)' : '(an official answers)')))),
    table('Recipients', ['Jurisdiction', 'Due (local time)', 'Status'],
      (l.demands || []).map(d => h('tr', { dataset: { demandId: d.id, jurisdictionId: d.jurisdictionId, status: d.status }, class: d.late ? 'overdue' : null },
        h('td', {}, h('a', { href: '#/demands/' + d.id }, `${d.jurisdictionName}${d.jurisdictionState ? ', ' + d.jurisdictionState : ''}`)),
        h('td', {}, localDeadline(d)), h('td', {}, demandBadge(d)))), { id: 'recipients' }));
  if (decides && l.status === 'OPEN') {
    const reason = h('input', { id: 'close-reason', maxlength: '2000' });
    add(main, h('section', { class: 'card' }, field('Reason for closing', reason),
      h('button', { type: 'button', id: 'close-letter', class: 'danger', onclick: async () => {
        const open = (l.demands || []).filter(d => d.status !== 'ACCEPTED' && d.status !== 'CLOSED').length;
        if (!window.confirm(`Close this letter? ${open} demand(s) not yet accepted will be closed.`)) return;
        try { await post(`/api/letters/${l.id}/close`, { reason: reason.value.trim() || null }); redrawWith(status, message('ok', 'Closed.'), 400);
        } catch (e) { fill(status, message('error', errorText(e))); }
      } }, 'Close the letter'), status));
  }
}
