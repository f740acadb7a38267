// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  formatShortCode,
  newShortCode,
  newTenantLinkToken,
  normaliseShortCode,
  newSecret,
  organisationOfLinkToken,
  pathWithoutSecrets,
} from './secrets.ts'

describe('link secrets', () => {
  it('names the organisation in a tenant link and nothing else', () => {
    const organisationId = '0b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b'
    const token = newTenantLinkToken(organisationId)
    assert.equal(token.length, 75)
    assert.equal(organisationOfLinkToken(token), organisationId)
    assert.equal(organisationOfLinkToken(token.slice(1)), undefined)
  })

  it('makes short codes of 10 Crockford base32 characters, spread over the whole alphabet', () => {
    const codes = Array.from({ length: 2000 }, newShortCode)
    for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{10}$/)
    assert.equal(new Set(codes).size, codes.length)
    // 20,000 characters over 32 symbols: every symbol appears, none far from 625 times.
    const counts = new Map<string, number>()
    for (const c of codes.join('')) counts.set(c, (counts.get(c) ?? 0) + 1)
    assert.equal(counts.size, 32)
    for (const n of counts.values()) assert.ok(n > 450 && n < 800, String(n))
  })

  it('reads a code as a person types it from paper, and refuses what cannot be one', () => {
    assert.equal(normaliseShortCode(' k7pm3-qxd2a '), 'K7PM3QXD2A')
    assert.equal(normaliseShortCode('K7PM3 QXD2A'), 'K7PM3QXD2A')
    // O is read as zero and I or L as one: the alphabet has neither.
    assert.equal(normaliseShortCode('OOOOO-IIIII'), '0000011111')
    assert.equal(normaliseShortCode('L0000-00000'), '1000000000')
    assert.equal(normaliseShortCode('K7PM3-QXD2'), undefined)
    assert.equal(normaliseShortCode('K7PM3-QXD2U'), undefined, 'U is not in the alphabet')
    assert.equal(normaliseShortCode(''), undefined)
    assert.equal(formatShortCode('K7PM3QXD2A'), 'K7PM3-QXD2A')
  })

  it('takes every secret out of a path for the logs, and leaves ids and words', () => {
    const org = '5a1d3c1e-0000-4000-8000-00000000abcd'
    const token = newTenantLinkToken(org)
    assert.equal(pathWithoutSecrets(`/connections/respond/${token}`), '/connections/respond/:secret')
    assert.equal(pathWithoutSecrets(`/referrals/new/${newSecret()}/person`), '/referrals/new/:secret/person')
    assert.equal(pathWithoutSecrets(`/questionnaires/${newShortCode()}/ons4`), '/questionnaires/:secret/ons4')
    assert.equal(pathWithoutSecrets('/questionnaires/k7pm3qxd2a'), '/questionnaires/:secret')
    for (const kept of [`/people/${org}`, '/caseload/break-glass', '/referrals/message-back.pdf', '/invitation'])
      assert.equal(pathWithoutSecrets(kept), kept)
  })
})
