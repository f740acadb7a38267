// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { judgeOrukFeed, validateOrukResponse, type OrukEndpoint, type Verdict } from './oruk.validation.ts'

const MOCKS = new URL('./test-fixtures/validator-mocks/', import.meta.url)
const FILES: Record<OrukEndpoint, string> = {
  api_details: 'api_details.json',
  service_list: 'service_list.json',
  service: 'service_full.json',
  service_at_location_list: 'service_at_location_list.json',
  service_at_location: 'service_at_location_full.json',
  taxonomy_list: 'taxonomy_list.json',
  taxonomy: 'taxonomy.json',
  taxonomy_term_list: 'taxonomy_term_list.json',
  taxonomy_term: 'taxonomy_term.json',
}

function loadFeed(name: string): Partial<Record<OrukEndpoint, unknown>> {
  const feed: Partial<Record<OrukEndpoint, unknown>> = {}
  for (const [endpoint, file] of Object.entries(FILES) as [OrukEndpoint, string][]) {
    const url = new URL(`${name}/${file}`, MOCKS)
    if (existsSync(url)) feed[endpoint] = JSON.parse(readFileSync(url, 'utf8'))
  }
  return feed
}

// The validator's own mock feeds and the verdicts it gives them: Default passes, Warn passes its core endpoints
// and warns on optional ones, Fail fails (bad url/email formats, missing name, bad api_details). Test is its
// 128-item page fixture, whose core endpoints comply.
const CASES: { feed: string; verdict: Verdict; invalid: OrukEndpoint[] }[] = [
  { feed: 'V3.0-UK-Default', verdict: 'pass', invalid: [] },
  { feed: 'V3.0-UK-Test', verdict: 'pass', invalid: [] },
  { feed: 'V3.0-UK-Warn', verdict: 'warn', invalid: ['taxonomy_term_list', 'taxonomy_term'] },
  {
    feed: 'V3.0-UK-Fail',
    verdict: 'fail',
    invalid: ['api_details', 'service_list', 'service', 'taxonomy_term'],
  },
]

describe('judging feeds as the ORUK validator does', () => {
  for (const { feed, verdict, invalid } of CASES) {
    it(`judges ${feed} as ${verdict}`, () => {
      const judgement = judgeOrukFeed(loadFeed(feed))
      assert.equal(judgement.verdict, verdict)
      assert.deepEqual(
        judgement.endpoints.filter((e) => e.status === 'invalid').map((e) => e.endpoint),
        invalid,
      )
    })
  }

  it('names the fields that break the profile in the failing feed', () => {
    const feed = loadFeed('V3.0-UK-Fail')
    const issues = validateOrukResponse('service_list', feed.service_list)
    assert.ok(issues.some((i) => i.path === '/contents/0' && /name/.test(i.message)))
    assert.ok(issues.some((i) => i.path === '/contents/0/url' && /uri/.test(i.message)))
    assert.ok(issues.some((i) => i.path === '/contents/0/email' && /email/.test(i.message)))
  })

  it('fails a feed without the core service endpoint and warns when only optional ones are missing', () => {
    const feed = loadFeed('V3.0-UK-Default')
    assert.equal(judgeOrukFeed({ ...feed, service: undefined }).verdict, 'fail')
    assert.equal(
      judgeOrukFeed({ api_details: feed.api_details, service_list: feed.service_list, service: feed.service }).verdict,
      'warn',
    )
  })

  it('rejects a page whose flags contradict its counts', () => {
    const page = { total_items: 3, total_pages: 2, page_number: 1, size: 0, first_page: true, last_page: true }
    const issues = validateOrukResponse('taxonomy_list', { ...page, empty: false, contents: [] })
    assert.deepEqual(
      issues.map((i) => i.path),
      ['/empty', '/last_page'],
    )
  })
})
