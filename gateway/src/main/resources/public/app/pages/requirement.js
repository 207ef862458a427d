// One requirement: the condition's full text, the documents (upload with a progress bar), the
// legal officer's attestation and sign-and-submit, the submissions, and DOJ's decision.
import { get, post, upload, download } from '../api.js';
import { fill, add, h, table, message, errorText, field, select, localDeadline, timeLeft, statusBadge, jurisdiction, describe, date, forget, redrawWith } from '../ui.js';

import { threadSection } from './thread.js';

const JURISDICTION_KINDS = [['CERTIFICATION', 'Signed certification'], ['LEGAL_OPINION', 'Legal opinion'], ['POLICY', 'Policy'], ['OTHER', 'Other']];

export default async function (main, { params, role }) {
  const id = params.id;
  const r = await get('/api/certifications/requirements/' + encodeURIComponent(id));
  const [d, place, me] = await Promise.all([describe(r).catch(() => ({})), jurisdiction(r.jurisdictionId).catch(() => null), get('/api/me')]);
  const c = d.condition || {};
  const ownJurisdiction = me.jurisdictionId && me.jurisdictionId === r.jurisdictionId;
  const files = ownJurisdiction && ['JURISDICTION_OFFICIAL', 'LEGAL_OFFICER'].includes(role) && (r.status === 'OPEN' || r.status === 'REJECTED');
  const signs = files && c.signerRole && me.roles.includes(c.signerRole) && !r.enjoined;
  const decides = role === 'DOJ_OFFICER' || role === 'ADMIN';

  add(main, 
    h('p', {}, h('a', { href: '#/' }, '← Back')),
    h('h1', {}, c.title || 'Certification requirement'),
    r.overdue ? message('error', `This certification is overdue: it was due ${localDeadline(r)}.`) : null,
    r.status === 'REJECTED' ? message('error', h('span', { id: 'rejection' }, 'Rejected: DOJ rejected the last submission: ' + (r.rejectionReason || '') + ' Answer with a new submission.')) : null,
    r.status === 'WAIVED' ? message('info', 'DOJ waived this certification: ' + (r.waiverReason || '')) : null,
    h('section', { class: 'card' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'Jurisdiction'), h('dd', {}, place ? `${place.name}, ${place.state}` : r.jurisdictionId),
        h('dt', {}, 'Program'), h('dd', {}, d.program ? d.program.name : '—'),
        h('dt', {}, 'Award'), h('dd', {}, d.award ? `${d.award.awardNumber}, FY${d.award.fiscalYear}` : '—'),
        h('dt', {}, 'Condition'), h('dd', {}, c.code || '—'),
        h('dt', {}, 'Due'), h('dd', {}, `${localDeadline(r)} (${r.timeZone})`),
        h('dt', {}, 'Time left'), h('dd', { class: 'left' + (r.overdue ? ' late' : '') }, (r.status === 'OPEN' || r.status === 'REJECTED') && !r.enjoined ? timeLeft(r.deadline) : '—'),
        h('dt', {}, 'Status'), h('dd', { id: 'requirement-status' }, statusBadge(r)),
        h('dt', {}, 'Signed by'), h('dd', {}, c.signerRole === 'LEGAL_OFFICER' ? 'The legal officer' : (c.signerRole === 'JURISDICTION_OFFICIAL' ? 'A jurisdiction official' : '—')))),
    h('h2', {}, 'The condition'),
    h('div', { class: 'fulltext', id: 'condition-text' }, c.fullText || 'The condition text is not available.'));

  const docs = h('div', { id: 'documents' });
  add(main, h('h2', {}, 'Documents'), docs);
  let documents = [];
  const chosen = new Set();
  let signForm = null;
  async function loadDocuments() {
    try {
      const page = await get(`/api/documents?requirementId=${encodeURIComponent(id)}&size=100`);
      documents = (page.items || []).filter(x => !x.requirementId || x.requirementId === id);
      fill(docs, documentTable(documents));
    } catch (e) {
      documents = [];
      fill(docs, message('error', 'The documents cannot be listed right now. ' + errorText(e)));
    }
    if (signForm) signForm.refreshDocuments();
  }
  await loadDocuments();

  if (files) add(main, uploadForm(id, r, async (created) => { if (created && created.id) chosen.add(created.id); await loadDocuments(); }));

  if (signs) {
    signForm = submitForm(r, c, me, () => documents, chosen);
    add(main, signForm.element);
    signForm.refreshDocuments();
  } else if (files && c.signerRole) {
    add(main, message('info', c.signerRole === 'LEGAL_OFFICER'
      ? 'Your legal officer signs and submits this certification once the documents are here.'
      : 'A jurisdiction official signs and submits this certification.'));
  }

  const extensions = await get(`/api/certifications/requirements/${encodeURIComponent(id)}/extensions`).catch(() => []);
  add(main, h('h2', {}, 'Deadline extensions'), table('Extensions of this deadline, oldest first', ['From', 'To', 'Reason', 'By'],
    extensions.map(x => h('tr', {}, h('td', {}, date(x.previousDeadline)), h('td', {}, date(x.newDeadline)), h('td', {}, x.reason),
      h('td', {}, `${x.extendedBy}, ${date(x.extendedAt)}`))), { id: 'extensions' }));
  if (decides && r.status !== 'ACCEPTED' && r.status !== 'WAIVED') add(main, dojActions(r));

  const subs = await get(`/api/certifications/requirements/${encodeURIComponent(id)}/submissions`).catch(e => { add(main, message('error', errorText(e))); return []; });
  add(main, h('h2', {}, 'Submissions'));
  if (!subs.length) add(main, h('p', {}, 'Nothing has been submitted yet.'));
  for (const s of subs) add(main, submissionCard(s, decides && !s.decision && r.status === 'SUBMITTED'));
  add(main, await threadSection(`/api/certifications/requirements/${encodeURIComponent(id)}/messages`, role));
}

function documentTable(documents) {
  return table('Documents filed for this requirement', ['Title', 'Kind', 'Uploaded', 'File'],
    documents.map(doc => h('tr', { dataset: { documentId: doc.id } },
      h('td', {}, doc.title),
      h('td', {}, doc.kind),
      h('td', {}, date(doc.createdAt), doc.createdBy ? ' by ' + doc.createdBy : ''),
      h('td', {}, downloadButton(doc)))));
}

export function downloadButton(doc) {
  const note = h('span', { role: 'status' });
  return h('span', {}, h('button', {
    type: 'button', class: 'secondary', onclick: async () => {
      note.textContent = '';
      try { await download(`/api/documents/${doc.id}/content`, (doc.current && doc.current.filename) || doc.title); }
      catch (e) { note.textContent = ' ' + errorText(e); }
    }
  }, 'Download', h('span', { class: 'sr-only' }, ' ' + doc.title)), note);
}

function uploadForm(requirementId, r, onUploaded) {
  const kind = select('kind', JURISDICTION_KINDS, 'CERTIFICATION', { id: 'upload-kind' });
  const title = h('input', { id: 'upload-title', name: 'title', maxlength: '300', required: true });
  const file = h('input', { id: 'upload-file', name: 'file', type: 'file', required: true, accept: '.pdf,.txt,.png,.jpg,.jpeg,.docx,application/pdf,text/plain' });
  const bar = h('progress', { id: 'upload-progress', max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' });
  const status = h('div', { id: 'upload-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: 'upload-button' }, 'Upload');
  const form = h('form', {
    class: 'card', 'aria-labelledby': 'upload-heading', onsubmit: async (e) => {
      e.preventDefault();
      fill(status);
      if (!file.files.length) { fill(status, message('error', 'Choose a file to upload.')); return; }
      if (!title.value.trim()) title.value = file.files[0].name;
      const data = new FormData();
      data.append('kind', kind.value);
      data.append('title', title.value.trim());
      data.append('awardId', r.awardId);
      data.append('requirementId', requirementId);
      data.append('file', file.files[0]);
      bar.hidden = false; bar.value = 0; button.disabled = true;
      try {
        const created = await upload('/api/documents', data, (p) => { bar.value = Math.round(p * 100); bar.textContent = Math.round(p * 100) + '%'; });
        fill(status, message('ok', `Uploaded “${title.value.trim()}”.`));
        form.reset(); bar.hidden = true;
        await onUploaded(created);
      } catch (err) {
        fill(status, message('error', 'The upload failed. ' + errorText(err)));
        bar.hidden = true;
      } finally {
        button.disabled = false;
      }
    }
  },
  h('h3', { id: 'upload-heading' }, 'Upload a document'),
  field('What it is', kind), field('Title', title, 'For example: Signed 1373 certification, FY2026'),
  field('File', file, 'PDF, text or an image; the documents service checks the contents.'), bar, status, button);
  return form;
}

function submitForm(r, c, me, documents, chosen) {
  const name = h('input', { id: 'signer-name', name: 'signerName', required: true, maxlength: '200', value: me.name || '' });
  const titleInput = h('input', { id: 'signer-title', name: 'signerTitle', required: true, maxlength: '200', value: '' });
  const attestation = h('textarea', { id: 'attestation', name: 'attestation', required: true, maxlength: '10000' });
  attestation.value = `I certify, on behalf of the jurisdiction, that it complies with the condition “${c.title || c.code || ''}” `
    + `of this award, as set out in full above, and that the documents attached are true copies.`;
  const agreed = h('input', { id: 'agreed', name: 'agreed', type: 'checkbox' });
  const list = h('fieldset', { id: 'submit-documents' });
  const status = h('div', { id: 'submit-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: 'sign-and-submit' }, 'Sign and submit');
  const form = h('form', {
    class: 'card', 'aria-labelledby': 'sign-heading', onsubmit: async (e) => {
      e.preventDefault();
      fill(status);
      const documentIds = [...chosen].filter(x => documents().some(d => d.id === x));
      if (!documentIds.length) { fill(status, message('error', 'Choose at least one document the certification rests on.')); return; }
      if (!agreed.checked) { fill(status, message('error', 'Tick the box to agree to the attestation before you sign.')); return; }
      button.disabled = true;
      try {
        await post(`/api/certifications/requirements/${r.id}/submissions`, {
          signerName: name.value.trim(), signerTitle: titleInput.value.trim(), attestation: attestation.value.trim(), agreed: true, documentIds
        });
        forget('r:');
        redrawWith(status, message('ok', 'Signed and submitted. DOJ will review it.'), 600);
      } catch (err) {
        fill(status, message('error', 'The certification was not submitted. ' + errorText(err)));
        button.disabled = false;
      }
    }
  },
  h('h3', { id: 'sign-heading' }, 'Sign and submit the certification'),
  field('Your name', name), field('Your title', titleInput, 'For example: City Solicitor'),
  field('Attestation', attestation, 'You may edit the wording; you sign exactly what is here.'),
  list,
  h('div', { class: 'field inline' }, agreed, ' ', h('label', { for: 'agreed' }, 'I have read the condition and agree to this attestation; I am authorised to sign it.')),
  status, button);
  return {
    element: form,
    refreshDocuments() {
      const docs = documents();
      fill(list, h('legend', {}, 'Documents this certification rests on'),
        ...(docs.length ? docs.map(doc => {
          const box = h('input', { type: 'checkbox', id: 'doc-' + doc.id, value: doc.id, checked: chosen.has(doc.id),
            onchange: (ev) => ev.target.checked ? chosen.add(doc.id) : chosen.delete(doc.id) });
          return h('div', {}, box, ' ', h('label', { for: 'doc-' + doc.id }, `${doc.title} (${doc.kind})`));
        }) : [h('p', {}, 'Upload the documents first.')]));
    }
  };
}

function submissionCard(s, canDecide) {
  const docs = h('ul', {}, s.documentIds.map(id => {
    const li = h('li', {}, id);
    get('/api/documents/' + id).then(doc => fill(li, `${doc.title} (${doc.kind}) `, downloadButton(doc)))
      .catch(e => fill(li, `Document ${id}: ${errorText(e)}`));
    return li;
  }));
  const card = h('section', { class: 'card submission', dataset: { submissionId: s.id } },
    h('dl', { class: 'facts' },
      h('dt', {}, 'Signed by'), h('dd', {}, `${s.signerName}, ${s.signerTitle} (${s.signerUsername})`),
      h('dt', {}, 'Submitted'), h('dd', {}, date(s.submittedAt)),
      h('dt', {}, 'Attestation'), h('dd', { class: 'fulltext' }, s.attestation),
      h('dt', {}, 'Documents'), h('dd', {}, docs),
      h('dt', {}, 'Decision'), h('dd', { class: 'decision' }, s.decision ? `${s.decision} by ${s.decidedBy} on ${date(s.decidedAt)}${s.decisionReason ? ': ' + s.decisionReason : ''}` : 'Awaiting DOJ review')));
  if (canDecide) card.append(decisionForm(s));
  return card;
}

export function decisionForm(s) {
  const reason = h('textarea', { id: 'reason-' + s.id, name: 'reason', maxlength: '2000' });
  const status = h('div', { 'aria-live': 'polite' });
  const decide = async (decision) => {
    fill(status);
    if (decision === 'REJECTED' && !reason.value.trim()) {
      fill(status, message('error', 'Say why you reject it: the jurisdiction sees the reason.'));
      reason.focus();
      return;
    }
    try {
      await post(`/api/certifications/submissions/${s.id}/decision`, { decision, reason: reason.value.trim() || null });
      forget('r:');
      redrawWith(status, message('ok', decision === 'ACCEPTED' ? 'Accepted.' : 'Rejected; the jurisdiction sees it as rejected and can submit again.'), 600);
    } catch (e) {
      fill(status, message('error', errorText(e)));
    }
  };
  return h('div', { class: 'decide' },
    field('Reason (required to reject)', reason),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'accept', onclick: () => decide('ACCEPTED') }, 'Accept'),
      h('button', { type: 'button', class: 'danger reject', onclick: () => decide('REJECTED') }, 'Reject')),
    status);
}

// DOJ's moves on a requirement that still runs: a later deadline with its reason, or a waiver with its reason.
function dojActions(r) {
  const status = h('div', { id: 'doj-actions-status', 'aria-live': 'polite' });
  const extendDate = h('input', { id: 'extend-date', type: 'date', min: '1900-01-01', max: '2199-12-31' });
  const extendTime = h('input', { id: 'extend-time', type: 'time', value: (r.deadlineLocalTime || '17:00').slice(0, 5) });
  const extendReason = h('textarea', { id: 'extend-reason', maxlength: '1000' });
  const waiveReason = h('textarea', { id: 'waive-reason', maxlength: '1000' });
  const act = async (path, body, done) => {
    fill(status);
    try {
      await post(path, body);
      forget('r:');
      redrawWith(status, message('ok', done), 500);
    } catch (e) { fill(status, message('error', errorText(e))); }
  };
  return h('section', { class: 'card', id: 'doj-actions', 'aria-labelledby': 'doj-actions-heading' },
    h('h2', { id: 'doj-actions-heading' }, 'DOJ: extend or waive'),
    h('form', { onsubmit: (e) => { e.preventDefault();
      if (!extendDate.value || !extendReason.value.trim()) { fill(status, message('error', 'Give the new date and the reason.')); return; }
      act(`/api/certifications/requirements/${r.id}/extensions`, { deadlineDate: extendDate.value, deadlineTime: extendTime.value || null,
        reason: extendReason.value.trim() }, 'Extended.'); } },
      field('New deadline (the jurisdiction\'s local date)', extendDate), field('At (local time)', extendTime),
      field('Reason for the extension', extendReason), h('button', { type: 'submit', id: 'extend' }, 'Extend the deadline')),
    h('form', { onsubmit: (e) => { e.preventDefault();
      if (!waiveReason.value.trim()) { fill(status, message('error', 'Say why it is waived: the jurisdiction sees the reason.')); return; }
      act(`/api/certifications/requirements/${r.id}/waiver`, { reason: waiveReason.value.trim() }, 'Waived.'); } },
      field('Reason for the waiver', waiveReason), h('button', { type: 'submit', id: 'waive', class: 'danger' }, 'Waive this certification')),
    status);
}
