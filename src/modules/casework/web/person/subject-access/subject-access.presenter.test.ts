// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeValue, heldRecordsPdf, labelOf, presentHeldRecords } from './subject-access.presenter.ts'

describe('subject access export, as the person reads it', () => {
  it('names each stored field in plain words', () => {
    assert.equal(labelOf('nhsNumber'), 'NHS number')
    assert.equal(labelOf('contactOn'), 'Contact on')
    assert.equal(labelOf('recordedByUserId'), 'Recorded by user ID')
    assert.equal(labelOf('given'), 'Given')
  })

  it('writes values in words and leaves out what is empty', () => {
    assert.equal(describeValue(null), undefined)
    assert.equal(describeValue(''), undefined)
    assert.equal(describeValue([]), undefined)
    assert.equal(describeValue({}), undefined)
    assert.equal(describeValue(false), 'No')
    assert.equal(describeValue('2026-12-03'), '3 December 2026')
    assert.equal(describeValue(new Date('2026-07-01T09:30:00Z')), '1 July 2026 at 10:30')
    assert.equal(describeValue(['loneliness', 'debt']), 'loneliness, debt')
    assert.equal(describeValue({ wellbeing: 6 }), '{"wellbeing":6}')
    assert.equal(describeValue(7), '7')
  })

  it('keeps every section, empty ones too, and makes a PDF of them', async () => {
    const view = presentHeldRecords(
      {
        generatedAt: new Date('2026-12-05T10:00:00Z'),
        person: { givenName: 'Margaret', familyName: 'Thomson' } as never,
        mergedRecordIds: [],
        sections: [
          { title: 'Person record', rows: [{ givenName: 'Margaret', email: '', nhsNumber: '9434765919' }] },
          { title: 'Connections', rows: [] },
        ],
      },
      'Northfield Social Prescribing',
    )
    assert.equal(view.name, 'Margaret Thomson')
    assert.deepEqual(view.sections[0]!.records, [
      [
        ['Given name', 'Margaret'],
        ['NHS number', '9434765919'],
      ],
    ])
    assert.equal(view.sections[1]!.count, 0)
    const pdf = await heldRecordsPdf(view)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
  })
})
