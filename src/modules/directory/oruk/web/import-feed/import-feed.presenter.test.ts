// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FeedImportRow } from '../../feed-imports.repository.ts'
import {
  feedLabel,
  formatLabel,
  importReportModel,
  importSummary,
  recentImportRows,
  REPORT_LINES_SHOWN,
} from './import-feed.presenter.ts'

function line(n: number) {
  return { sourceId: `src-${n}`, name: `Group ${n}`, id: `id-${n}` }
}

const ROW: FeedImportRow = {
  areaId: 'a1',
  id: 'imp-1',
  sourceFeed: 'upload:groups.json',
  format: 'oruk-3',
  userId: 'u1',
  organisationId: 'o1',
  added: 1,
  updated: 0,
  unchanged: 1500,
  rejected: 1,
  report: {
    added: [line(1)],
    updated: [],
    unchanged: Array.from({ length: 1000 }, (_, i) => line(i)),
    rejected: [{ sourceId: 'bad-1', reason: 'It has no name' }],
  },
  createdAt: new Date('2026-03-01T10:00:00Z'),
}

describe('the feed import pages', () => {
  it('names an uploaded file as uploaded, a URL as itself, and a format in words', () => {
    assert.equal(feedLabel('upload:groups.json'), 'groups.json (uploaded file)')
    assert.equal(feedLabel('https://example.org/oruk'), 'https://example.org/oruk')
    assert.equal(formatLabel('hsds-csv'), 'HSDS CSV datapackage')
    assert.equal(formatLabel('something-new'), 'something-new')
  })

  it('counts in words, with thousands separated and one listing in the singular', () => {
    assert.equal(importSummary(ROW), '1 listing added, 0 updated, 1,500 unchanged, 1 rejected')
    assert.equal(recentImportRows([ROW])[0]!.href, '/directory/import/imp-1')
  })

  it('shows at most the first lines of each kind and says how many more there are', () => {
    const model = importReportModel(ROW)
    assert.equal(model.unchanged.items.length, REPORT_LINES_SHOWN)
    assert.equal(model.unchanged.more, 1500 - REPORT_LINES_SHOWN)
    assert.deepEqual(model.added.items, [{ name: 'Group 1', href: '/directory/services/id-1', sourceId: 'src-1' }])
    assert.equal(model.added.more, 0)
    assert.deepEqual(model.rejected.rows, [[{ text: 'bad-1' }, { text: 'No name' }, { text: 'It has no name' }]])
  })

  it('reads a report stored before "missing" was recorded as missing nothing', () => {
    const model = importReportModel(ROW)
    assert.deepEqual(model.missing, { total: 0, items: [], more: 0 })
  })
})
