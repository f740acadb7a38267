// SPDX-License-Identifier: AGPL-3.0-or-later
// The named scales of the synthetic data generator (issue #15). England: 1.3 million referrals a year, 3,300 link
// workers in about 1,250 services, 42 integrated care boards, about 6,500 GP practices.

export interface Scale {
  readonly name: ScaleName
  /** Integrated care board areas, each with its own directory and commissioner. */
  readonly areas: number
  readonly services: number
  readonly linkWorkers: number
  readonly practices: number
  readonly referrals: number
  /** Referrals are received evenly over this many years up to today. */
  readonly years: number
  readonly directoryServices: number
  /** Synthetic postcodes added beyond the demo's; people live at these and the demo's. */
  readonly postcodes: number
  /** Cases made per transaction: a bound on memory and the unit of progress. */
  readonly chunk: number
}

export const SCALE_NAMES = ['tiny', 'practice', 'icb', 'england'] as const
export type ScaleName = (typeof SCALE_NAMES)[number]

export const SCALES: Record<ScaleName, Scale> = {
  // For tests: every kind of row, in seconds.
  tiny: {
    name: 'tiny',
    areas: 1,
    services: 2,
    linkWorkers: 5,
    practices: 4,
    referrals: 400,
    years: 1,
    directoryServices: 50,
    postcodes: 100,
    chunk: 400,
  },
  practice: {
    name: 'practice',
    areas: 1,
    services: 2,
    linkWorkers: 10,
    practices: 12,
    referrals: 10_000,
    years: 2,
    directoryServices: 500,
    postcodes: 2_000,
    chunk: 10_000,
  },
  icb: {
    name: 'icb',
    areas: 1,
    services: 20,
    linkWorkers: 100,
    practices: 150,
    referrals: 100_000,
    years: 5,
    directoryServices: 5_000,
    postcodes: 50_000,
    chunk: 25_000,
  },
  england: {
    name: 'england',
    areas: 42,
    services: 1_250,
    linkWorkers: 3_300,
    practices: 6_500,
    referrals: 6_500_000,
    years: 5,
    directoryServices: 500_000,
    postcodes: 2_700_000,
    chunk: 100_000,
  },
}

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value)
}
