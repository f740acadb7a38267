// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ReportReader } from '../../reporting.service.ts'
import { HES_RULE } from '../../suppression.ts'
import { parsePounds, parseReportFilters } from './activity.form.ts'

const reader: ReportReader = { kind: 'service', areaId: 'area', services: [{ id: 'a', name: 'North' }], rule: HES_RULE }
const TODAY = '2026-12-04'
const ALL = {
  'cost-gp': '42',
  'cost-ae': '£250',
  'cost-999': '400.50',
  'cost-admission': '2,000',
  'cost-service': '£120,000',
}

describe('the report filters', () => {
  it('reads pounds as people type them, and refuses what is not an amount', () => {
    assert.equal(parsePounds('£1,250.50'), 1250.5)
    assert.equal(parsePounds(' 42 '), 42)
    assert.equal(parsePounds('£ 7'), 7)
    for (const bad of ['', 'forty', '1,25', '12.345', '-3', '1e5', '£']) assert.equal(parsePounds(bad), null, bad)
  })

  it('estimates no return without costs, and with all five', () => {
    assert.equal(parseReportFilters({ period: '12m' }, TODAY, reader).costs, undefined)
    const { costs, errors } = parseReportFilters({ period: '12m', ...ALL }, TODAY, reader)
    assert.deepEqual(errors, {})
    assert.deepEqual(costs, {
      unit: { gpAppointments: 42, aeAttendances: 250, emergencyCalls: 400.5, admissions: 2000 },
      service: 120000,
    })
  })

  it('asks for the missing costs and says what is wrong with the rest, keeping what was typed', () => {
    const { costs, errors, values } = parseReportFilters(
      { period: '12m', 'cost-gp': 'forty', 'cost-ae': '250', 'cost-service': '0' },
      TODAY,
      reader,
    )
    assert.equal(costs, undefined)
    assert.equal(values.costs['cost-gp'], 'forty')
    assert.deepEqual(Object.keys(errors).sort(), ['cost-999', 'cost-admission', 'cost-gp', 'cost-service'])
    assert.match(errors['cost-gp']!, /^Enter the cost of a GP appointment in pounds, like 42/)
    assert.equal(errors['cost-999'], 'Enter the cost of a 999 call too, or clear every cost')
    assert.match(errors['cost-service']!, /^Enter the cost of running social prescribing over these dates in pounds/)
  })
})
