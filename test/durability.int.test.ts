// SPDX-License-Identifier: AGPL-3.0-or-later
// Durability (issue 13): a GP system sends 1,000 referrals to the FHIR API, 50 at a time, each with its own
// Idempotency-Key, and the server is killed with SIGKILL part way through. A new server starts on the same
// database; the GP system sends every referral again with the same key, as a client that never heard back does.
// Every referral the first server acknowledged still exists with the same id, every referral exists exactly
// once, and every audit chain still verifies.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestOrganisation, useTestContext } from './helpers/test-app.ts'
import { exitOf, spawnTestServer } from './helpers/spawn-server.ts'
import { createApiKeyForOrganisation } from '../src/modules/api-clients/index.ts'
import { containedReferral } from '../src/modules/referrals/fhir/fhir.fixtures.ts'
import { referrals } from '../src/modules/referrals/referrals.table.ts'
import { verifyAuditChain } from '../src/platform/audit/audit.service.ts'

const context = useTestContext()
const SUBMISSIONS = 1_000
const IN_FLIGHT = 50
const KILL_AFTER = 300

describe('durability', () => {
  it(
    'keeps every acknowledged referral, exactly once, through a SIGKILL and the retries',
    { timeout: 600_000 },
    async () => {
      const areaName = `Durability ${Date.now()}`
      const service = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
      const gp = await createTestOrganisation(context, { areaName, type: 'gp-practice', users: { gp: ['referrer'] } })
      const { key } = await createApiKeyForOrganisation(context.db, {
        organisation: gp.organisation.id,
        name: 'GP system',
      })

      const send = async (address: string, i: number): Promise<{ status: number; taskId?: string }> => {
        const response = await fetch(`${address}/fhir/ServiceRequest`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/fhir+json',
            'idempotency-key': `durability-${i}`,
          },
          body: JSON.stringify(
            containedReferral({ serviceId: service.organisation.id, givenName: `Durable${i}`, familyName: 'Tester' }),
          ),
        })
        const body = (await response.json()) as { id?: string }
        return { status: response.status, taskId: body.id }
      }

      // The first server: 50 requests in flight, killed once 300 are acknowledged.
      const first = spawnTestServer()
      const firstAddress = await first.address
      const acknowledged = new Map<number, string>()
      let failed = 0
      let next = 0
      let killed = false
      const worker = async () => {
        while (next < SUBMISSIONS) {
          const i = next++
          try {
            const { status, taskId } = await send(firstAddress, i)
            if ((status === 200 || status === 201) && taskId) acknowledged.set(i, taskId)
            else failed += 1
          } catch {
            failed += 1 // the connection died with the server: not acknowledged
          }
          if (!killed && acknowledged.size >= KILL_AFTER) {
            killed = true
            first.child.kill('SIGKILL')
          }
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
      await exitOf(first.child)
      assert.ok(killed, 'the server was killed part way through')
      assert.ok(acknowledged.size >= KILL_AFTER && acknowledged.size < SUBMISSIONS, `${acknowledged.size} acknowledged`)

      // A new server on the same database; every referral is sent again with its key.
      const second = spawnTestServer()
      try {
        const secondAddress = await second.address
        next = 0
        const again = new Map<number, string>()
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next < SUBMISSIONS) {
              const i = next++
              const { status, taskId } = await send(secondAddress, i)
              assert.ok(status === 200 || status === 201, `retry ${i} answered ${status}`)
              again.set(i, taskId!)
            }
          }),
        )
        for (const [i, taskId] of acknowledged) assert.equal(again.get(i), taskId, `referral ${i} kept its id`)
      } finally {
        second.child.kill('SIGTERM')
        await exitOf(second.child)
      }

      const [count] = await context.db
        .select({ all: sql<number>`count(*)::int`, people: sql<number>`count(distinct ${referrals.personId})::int` })
        .from(referrals)
        .where(
          and(
            eq(referrals.organisationId, service.organisation.id),
            eq(referrals.referrerOrganisationId, gp.organisation.id),
          ),
        )
      assert.equal(count!.all, SUBMISSIONS, 'every referral exists exactly once')
      assert.equal(count!.people, SUBMISSIONS)
      // The chains this test wrote to: the receiving service's and the practice's (other test files tamper with
      // chains of their own on purpose, to prove the verifier finds it).
      const chains = await Promise.all([service, gp].map((org) => verifyAuditChain(context.db, org.organisation.id)))
      const entries = chains.reduce((n, c) => n + c.entries, 0)
      assert.ok(entries >= SUBMISSIONS, `${entries} audit entries on the two chains`)
      assert.deepEqual(
        chains.filter((c) => c.brokenAtSequence !== null),
        [],
        'the audit chains verify',
      )
      console.log(
        `durability: ${SUBMISSIONS} sent, ${acknowledged.size} acknowledged before SIGKILL, ${failed} lost in flight, ` +
          `${SUBMISSIONS} exactly once after retries; ${entries} entries on the two audit chains verified`,
      )
    },
  )
})
