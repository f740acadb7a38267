// SPDX-License-Identifier: AGPL-3.0-or-later
// workingDaysBetween counts by whole weeks (issue #15: a caseload asks it of every connection). It must agree with
// the plain walk, day by day, for any two dates and every country's bank holidays.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { COUNTRIES, isWorkingDay, workingDaysBetween, type Country } from './contact-target.ts'

function walk(fromIso: string, toIso: string, country: Country): number {
  const step = (iso: string, days: number) => {
    const date = new Date(`${iso}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + days)
    return date.toISOString().slice(0, 10)
  }
  if (fromIso === toIso) return 0
  const sign = toIso > fromIso ? 1 : -1
  let count = 0
  for (let date = fromIso; date !== toIso; ) {
    date = step(date, sign)
    if (isWorkingDay(date, country)) count += sign
  }
  return count
}

const isoDate = fc
  .date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe('working days between two dates', () => {
  it('agrees with walking day by day, both ways, in every country', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.constantFrom(...COUNTRIES), (from, to, country) => {
        assert.equal(workingDaysBetween(from, to, country), walk(from, to, country))
      }),
      { numRuns: 400 },
    )
  })

  it('skips weekends and bank holidays around Easter and Christmas', () => {
    // Good Friday 3 April and Easter Monday 6 April 2026 (England and Wales); Scotland keeps only Good Friday.
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07'), 1)
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07', 'scotland'), 2)
    assert.equal(workingDaysBetween('2026-12-24', '2027-01-04'), 4)
    assert.equal(workingDaysBetween('2026-12-28', '2026-12-24'), -1)
    // Back over a bank holiday alone: no working days, and 0 rather than -0 (found by the property test's seed -1141103983).
    assert.equal(workingDaysBetween('2018-01-02', '2018-01-01'), 0)
  })
})
