// SPDX-License-Identifier: AGPL-3.0-or-later
// The generated areas: per area an integrated care board's commissioning team; social prescribing services,
// GP practices and link workers shared out over the areas; one supervisor per service. Users are copies of a demo
// account, so they sign in with the demo password.
import { sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import { DEMO_USERS } from '../demo-accounts.ts'
import type { Scale } from './scales.ts'
import { idOf, nameOf } from './sql-helpers.ts'
import { insertFromTemplate } from './template.ts'

export const GENERATED_EMAIL_DOMAIN = 'generated.waymark.example'

/** The emails of the generated accounts a benchmark or a person trying the scale signs in as. */
export function generatedAccount(kind: 'worker' | 'supervisor' | 'commissioner', index: number): string {
  return `${kind}-${index}@${GENERATED_EMAIL_DOMAIN}`
}

export async function generatedAreaExists(db: Queryable): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(
    sql`select exists (select 1 from areas where id = ${idOf('area', '0')}) as found`,
  )
  return result.rows[0]?.found ?? false
}

export async function generateOrganisations(db: Queryable, scale: Scale): Promise<Record<string, number>> {
  const { areas: A, services: S, practices: P, linkWorkers: W } = scale
  const rows: Record<string, number> = {}
  await db.execute(sql`insert into areas (id, name)
    select ${idOf('area', 'a')}, 'Generated ICB ' || (a + 1) from generate_series(0, ${A - 1}) a`)
  rows['areas'] = A
  const organisation = (kind: string, count: number, area: string, name: string, type: string, ods: string) =>
    insertFromTemplate(db, 'organisations', sql.raw(`generate_series(0, ${count - 1}) i`), {
      id: idOf(kind, 'i'),
      area_id: idOf('area', area),
      name: sql.raw(name),
      type: sql`${type}`,
      ods_code: sql.raw(ods),
      created_at: sql`now()`,
    })
  rows['organisations'] =
    (await organisation(
      'icb',
      A,
      'i',
      `'Generated ICB ' || (i + 1) || ' commissioning team'`,
      'commissioner',
      'null',
    )) +
    (await organisation(
      'service',
      S,
      `i % ${A}`,
      `'Generated social prescribing service ' || (i + 1)`,
      'social-prescribing-service',
      'null',
    )) +
    (await organisation(
      'practice',
      P,
      `i % ${A}`,
      `'Generated medical practice ' || (i + 1)`,
      'gp-practice',
      `'X' || lpad(i::text, 5, '0')`,
    ))
  // Each service's referral settings as the demo service's.
  await insertFromTemplate(db, 'referral_settings', sql.raw(`generate_series(0, ${S - 1}) i`), {
    organisation_id: idOf('service', 'i'),
  })

  const templateEmail = DEMO_USERS.find((u) => u.key === 'link-worker')?.email ?? DEMO_USERS[0]!.email
  const user = async (kind: 'worker' | 'supervisor' | 'commissioner', count: number, title: string) =>
    insertFromTemplate(
      db,
      'users',
      sql.raw(`generate_series(0, ${count - 1}) i`),
      {
        id: idOf(kind, 'i'),
        email: sql.raw(`'${kind}-' || i || '@${GENERATED_EMAIL_DOMAIN}'`),
        display_name: nameOf(kind === 'worker' ? 'i' : `i + 100000`),
        job_title: sql`${title}`,
        failed_sign_in_count: sql`0`,
        locked_until: sql`null`,
        disabled_at: sql`null`,
        created_at: sql`now()`,
      },
      sql`email = ${templateEmail}`,
    )
  rows['users'] =
    (await user('worker', W, 'Link worker')) +
    (await user('supervisor', S, 'Link worker supervisor')) +
    (await user('commissioner', A, 'Commissioning manager'))
  const membership = (kind: string, count: number, organisation: string, roles: string) =>
    insertFromTemplate(db, 'memberships', sql.raw(`generate_series(0, ${count - 1}) i`), {
      organisation_id: sql.raw(organisation),
      user_id: idOf(kind, 'i'),
      roles: sql.raw(`'{${roles}}'::text[]`),
      created_at: sql`now()`,
    })
  rows['memberships'] =
    (await membership('worker', W, `md5('gen-service-' || (i % ${S}))::uuid`, 'link-worker')) +
    (await membership('supervisor', S, `md5('gen-service-' || i)::uuid`, 'supervisor')) +
    (await membership('commissioner', A, `md5('gen-icb-' || i)::uuid`, 'commissioner'))
  return rows
}
