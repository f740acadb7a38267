// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MessageBack } from '../../referral.ts'
import { messageBackPdf, presentMessageBack } from './message-back.presenter.ts'

const MESSAGE: MessageBack = {
  referralId: 'r1',
  reference: 'WM-AB12-CD34',
  issuedAt: new Date('2026-06-30T23:30:00Z'),
  code: { system: 'http://snomed.info/sct', code: '871731000000106', display: 'Social prescribing referral closed' },
  kind: 'accepted-and-closed',
  service: { id: 's1', name: 'Leeds Social Prescribing' },
  requester: {
    userId: 'u1',
    organisationId: 'o1',
    organisationName: 'Park Surgery',
    name: 'Dr Jo Khan',
    profession: null,
  },
  person: {
    id: 'p1',
    name: 'Ada Lovelace',
    dateOfBirth: '1950-12-10',
    nhsNumber: '9434765919',
    postcode: 'ZZ99 3VZ',
    gpPractice: '',
  },
  status: 'completed',
  businessStatus: 'closed',
  receivedAt: new Date('2026-03-01T10:00:00Z'),
  closedAt: new Date('2026-06-30T23:30:00Z'),
  needs: [],
  codedOnly: false,
  whatHappened: 'The person was supported and the referral is now closed.',
  closingReason: null,
  whatWasDone: null,
  contact: { name: 'Sam Worker', phone: '0113 496 0000', email: '', hours: '' },
  connectedTo: 'Walking for Health',
  outcomes: '',
  declineReason: null,
  guidance: null,
  history: [
    { occurredAt: new Date('2026-03-01T10:00:00Z'), status: 'requested', businessStatus: 'received', text: 'Received' },
  ],
}

const rowsOf = (message: MessageBack) => new Map(presentMessageBack(message).rows)

describe('the message back', () => {
  it('says the date it was issued in UK time, and the SNOMED CT code with its words', () => {
    const view = presentMessageBack(MESSAGE)
    assert.equal(view.title, 'Social prescribing: referral closed')
    assert.equal(view.issued, '1 July 2026')
    assert.equal(view.code, 'SNOMED CT 871731000000106 – Social prescribing referral closed')
  })

  it('formats the NHS number, explains a pseudo-postcode and names what was not given', () => {
    const rows = rowsOf(MESSAGE)
    assert.equal(rows.get('NHS number'), '943 476 5919')
    assert.match(rows.get('Postcode')!, /\(ZZ99 3VZ\)$/)
    assert.notEqual(rows.get('Postcode'), 'ZZ99 3VZ')
    assert.equal(rows.get('GP practice'), 'Not given')
    assert.equal(rows.get('Reasons'), 'Not given')
    assert.equal(rows.get('Referred by'), 'Dr Jo Khan, Park Surgery')
    assert.equal(rowsOf({ ...MESSAGE, person: { ...MESSAGE.person, nhsNumber: null } }).get('NHS number'), 'Not known')
  })

  it('says the outcome once, not "Closed (Closed)", and prefers why support ended when casework says', () => {
    assert.equal(rowsOf(MESSAGE).get('Outcome'), 'Closed')
    assert.equal(rowsOf({ ...MESSAGE, closingReason: 'Goals met' }).get('Outcome'), 'Goals met')
    const declined = rowsOf({ ...MESSAGE, kind: 'declined', status: 'rejected', businessStatus: 'declined-by-service' })
    assert.match(declined.get('Outcome')!, /^Declined by the service/)
  })

  it('lists only the contact details the service gave', () => {
    assert.deepEqual(presentMessageBack(MESSAGE).contact, { lines: ['Sam Worker', 'Phone: 0113 496 0000'] })
    assert.equal(presentMessageBack({ ...MESSAGE, contact: null }).contact, null)
  })

  it('makes a PDF of the same words', async () => {
    const pdf = await messageBackPdf(MESSAGE)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    assert.ok(pdf.length > 1000)
  })
})
