// SPDX-License-Identifier: AGPL-3.0-or-later
// Deterministic spreading in SQL: the same scale always makes the same rows (ids, names, dates relative to the
// day it runs), so two runs of a benchmark compare like with like.
import { sql, type SQL } from 'drizzle-orm'

/** A non-negative 32-bit hash of `key` and `salt`: the generator's only source of variety. */
export function hashOf(key: string, salt: string): SQL {
  return sql.raw(`(hashtext((${key})::text || ':${salt}')::bigint + 2147483648)`)
}

/** A deterministic uuid for the `index`th thing of a kind (`md5` text is 32 hex digits, a valid uuid). */
export function idOf(kind: string, index: string): SQL {
  return sql.raw(`md5('gen-${kind}-' || (${index})::text)::uuid`)
}

/** A whole number written into the statement (a bare parameter would leave arithmetic untyped). */
export function int(value: number): SQL {
  return sql.raw(String(Math.trunc(value)))
}

/** A PostgreSQL text[] literal as one parameter (drizzle would spread a JS array into a row). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`
}

/** `array[…][1 + hash % length]`: one of `values`, spread by the hash. Repeat a value to weight it. */
export function pick(values: readonly string[], hash: SQL): SQL {
  return sql`(${textArray(values)})[1 + (${hash}) % ${int(values.length)}]`
}

export const GIVEN_NAMES = [
  'Margaret',
  'John',
  'Aisha',
  'David',
  'Susan',
  'Mohammed',
  'Patricia',
  'James',
  'Grace',
  'Robert',
  'Fatima',
  'William',
  'Elizabeth',
  'Thomas',
  'Priya',
  'Michael',
  'Joan',
  'Daniel',
  'Olivia',
  'Peter',
  'Amina',
  'George',
  'Helen',
  'Kwame',
  'Sarah',
  'Arjun',
  'Janet',
  'Christopher',
  'Mei',
  'Paul',
  'Barbara',
  'Tomasz',
  'Linda',
  'Andrew',
  'Chloe',
  'Ahmed',
  'Maureen',
  'Stephen',
  'Zainab',
  'Brian',
]
export const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Khan',
  'Williams',
  'Taylor',
  'Brown',
  'Patel',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Ali',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'White',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Lewis',
  'Martin',
  'Jackson',
  'Clarke',
  'Nowak',
  'Okafor',
  'Begum',
  'Hussain',
  'Chen',
  'Mensah',
  'Campbell',
  'Murphy',
  'Kelly',
  'Singh',
  'Cooper',
]

/** A person's full name for the `index`th of something (workers, supervisors): stable and varied. */
export function nameOf(index: string): SQL {
  return sql`${pick(GIVEN_NAMES, sql.raw(`((${index}) * 7 + 3)`))} || ' ' || ${pick(FAMILY_NAMES, sql.raw(`((${index}) * 13 + 5)`))}`
}
