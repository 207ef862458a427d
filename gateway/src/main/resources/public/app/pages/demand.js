// One jurisdiction's demand: the letter, each question with its answers, the answer forms for the
// jurisdiction (the legal officer signs the questions that need a signature), and DOJ's review.
import { get, post } from '../api.js';
import { add, fill, h, message, errorText, field, localDeadline, date, redrawWith } from '../ui.js';
import { demandBadge } from './letters.js';
import { threadSection } from './thread.js';

export default async function (main, { params, role }) {
  const { demand: d, letter: l } = await get('/api/letters/demands/' + encodeURIComponent(params.id));
  const me = await get('/api/me');
  const own = me.jurisdictionId && me.jurisdictionId === d.jurisdictionId;
  const answers = own && ['JURISDICTION_OFFICIAL', 'LEGAL_OFFICER'].includes(role) && (d.status === 'AWAITING' || d.status === 'MORE_REQUESTED') && l.status === 'OPEN';
  const decides = (role === 'DOJ_OFFICER' || role === 'ADMIN') && d.status === 'ANSWERED';
  add(main, h('p', {}, h('a', { href: own ? '#/letters' : '#/letters/' + l.id }, '← Back')),
    h('h1', {}, l.subject),
    h('dl', { class: 'facts card' },
      h('dt', {}, 'To'), h('dd', {}, `${d.jurisdictionName}${d.jurisdictionState ? ', ' + d.jurisdictionState : ''}`),
      h('dt', {}, 'Respond by'), h('dd', {}, `${localDeadline(d)} (${d.timeZone})`),
      h('dt', {}, 'Status'), h('dd', { id: 'demand-status' }, demandBadge(d)),
      h('dt', {}, 'Sent'), h('dd', {}, `${date(l.sentAt)} by ${l.sentBy}`)),
    d.dojNote && d.status === 'MORE_REQUESTED' ? message('error', h('span', { id: 'doj-note' }, 'DOJ asks for more: ' + d.dojNote)) : null,
    h('div', { class: 'fulltext', id: 'letter-body' }, l.body));
  const given = d.answers || [];
  for (const q of l.questions) {
    const mine = given.filter(a => a.questionId === q.id);
    const signs = q.signerRole === 'LEGAL_OFFICER';
    const section = h('section', { class: 'card question', dataset: { questionId: q.id } },
      h('h2', {}, `Question ${q.position}`), h('p', {}, q.text),
      h('p', { class: 'hint' }, signs ? 'Signed by the legal officer.' : 'Answered by an official.'),
      mine.length ? h('ul', { class: 'answers' }, mine.map(a => h('li', {},
        h('span', { class: 'answer-text' }, a.text), ' — ', a.answeredBy, ', ', date(a.answeredAt), a.round < d.round ? ' (earlier round)' : '',
        a.signerName ? h('span', { class: 'signature' }, ` Signed: ${a.signerName}, ${a.signerTitle}`) : null))) : h('p', {}, 'Not answered yet.'));
    if (answers && (!signs || role === 'LEGAL_OFFICER')) section.append(answerForm(d, q, signs, me));
    else if (answers && signs) section.append(message('info', 'Your legal officer answers and signs this question.'));
    add(main, section);
  }
  if (decides) add(main, decisionForm(d));
  add(main, await threadSection(`/api/letters/demands/${d.id}/messages`, role));
}

function answerForm(d, q, signs, me) {
  const text = h('textarea', { class: 'answer', id: 'answer-' + q.id, maxlength: '20000', required: true });
  const status = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'signer-' + q.id, maxlength: '200', value: me.name || '' });
  const title = h('input', { id: 'title-' + q.id, maxlength: '200' });
  const attestation = h('textarea', { id: 'attest-' + q.id, maxlength: '10000' });
  attestation.value = 'I certify, under penalty of perjury, that this answer is true and complete.';
  const agreed = h('input', { type: 'checkbox', id: 'agree-' + q.id });
  const form = h('form', { class: 'answer-form', onsubmit: async (e) => {
    e.preventDefault(); fill(status);
    if (!text.value.trim()) { fill(status, message('error', 'Write the answer first.')); return; }
    const body = { answers: [{ questionId: q.id, text: text.value.trim() }] };
    if (signs) {
      if (!agreed.checked) { fill(status, message('error', 'Tick the box to agree to the attestation before you sign.')); return; }
      Object.assign(body, { signerName: name.value.trim(), signerTitle: title.value.trim(), attestation: attestation.value.trim(), agreed: true });
    }
    try {
      await post(`/api/letters/demands/${d.id}/answers`, body);
      redrawWith(status, message('ok', signs ? 'Signed and sent.' : 'Answer sent.'), 400);
    } catch (err) { fill(status, message('error', 'The answer was not sent. ' + errorText(err))); }
  } }, field('Your answer', text),
  signs ? field('Your name', name) : null, signs ? field('Your title', title) : null, signs ? field('Attestation', attestation) : null,
  signs ? h('div', { class: 'field inline' }, agreed, ' ', h('label', { for: 'agree-' + q.id }, 'I agree to this attestation and am authorised to sign it.')) : null,
  status, h('button', { type: 'submit', class: 'send-answer' }, signs ? 'Sign and send' : 'Send the answer'));
  return form;
}

function decisionForm(d) {
  const note = h('textarea', { id: 'demand-note', maxlength: '2000' });
  const status = h('div', { id: 'decision-status', 'aria-live': 'polite' });
  const decide = async (decision) => {
    fill(status);
    if (decision === 'MORE_REQUESTED' && !note.value.trim()) { fill(status, message('error', 'Say what more the jurisdiction must give.')); return; }
    try {
      await post(`/api/letters/demands/${d.id}/decision`, { decision, note: note.value.trim() || null });
      redrawWith(status, message('ok', decision === 'ACCEPTED' ? 'Accepted.' : 'Sent back for more.'), 400);
    } catch (e) { fill(status, message('error', errorText(e))); }
  };
  return h('section', { class: 'card decide' }, h('h2', {}, 'DOJ review'), field('Note to the jurisdiction (required to ask for more)', note),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'accept-demand', class: 'accept', onclick: () => decide('ACCEPTED') }, 'Accept the answer'),
      h('button', { type: 'button', id: 'more-demand', class: 'secondary', onclick: () => decide('MORE_REQUESTED') }, 'Ask for more')),
    status);
}
