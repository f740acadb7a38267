// SPDX-License-Identifier: AGPL-3.0-or-later
// Several app nodes on one database (issue 15): two separate servers, as two machines behind a load balancer
// would run, each sent the same 200 referrals at the same moment with the same Idempotency-Keys, as a GP system
// retrying through a balancer does. Every request is answered without a server error, both nodes give the same
// referral for each key, and each referral exists exactly once. A rate limit holds across the nodes.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestOrganisation, useTestContext } from './helpers/test-app.ts'
import { exitOf, spawnTestServer } from './helpers/spawn-server.ts'
import { createApiKeyForOrganisation } from '../src/modules/api-clients/index.ts'
import { containedReferral } from '../src/modules/referrals/fhir/fhir.fixtures.ts'
import { referrals } from '../src/modules/referrals/referrals.table.ts'

const context = useTestContext()
const REFERRALS = 200

describe('several app nodes on one database', () => {
  it('takes the same referral sent to two nodes at once exactly once', { timeout: 300_000 }, async () => {
    const areaName = `Two nodes ${Date.now()}`
    const service = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
    const gp = await createTestOrganisation(context, { areaName, type: 'gp-practice', users: { gp: ['referrer'] } })
    const { key } = await createApiKeyForOrganisation(context.db, { organisation: gp.organisation.id, name: 'GP' })
    const nodes = [spawnTestServer(), spawnTestServer()]
    try {
      const addresses = await Promise.all(nodes.map((n) => n.address))
      assert.notEqual(addresses[0], addresses[1])
      const send = async (address: string, i: number) => {
        const response = await fetch(`${address}/fhir/ServiceRequest`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/fhir+json',
            'idempotency-key': `two-nodes-${i}`,
          },
          body: JSON.stringify(
            containedReferral({ serviceId: service.organisation.id, givenName: `Twice${i}`, familyName: 'Tester' }),
          ),
        })
        return { status: response.status, id: ((await response.json()) as { id?: string }).id }
      }
      const problems: string[] = []
      for (let start = 0; start < REFERRALS; start += 20) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, j) => {
            const i = start + j
            const [a, b] = await Promise.all(addresses.map((address) => send(address, i)))
            if (![200, 201].includes(a!.status) || ![200, 201].includes(b!.status))
              problems.push(`${i}: ${a!.status} and ${b!.status}`)
            else if (a!.id !== b!.id) problems.push(`${i}: two referrals, ${a!.id} and ${b!.id}`)
          }),
        )
      }
      assert.deepEqual(problems, [])
    } finally {
      for (const node of nodes) node.child.kill('SIGTERM')
      await Promise.all(nodes.map((n) => exitOf(n.child)))
    }
    const [count] = await context.db
      .select({ all: sql<number>`count(*)::int` })
      .from(referrals)
      .where(
        and(
          eq(referrals.organisationId, service.organisation.id),
          eq(referrals.referrerOrganisationId, gp.organisation.id),
        ),
      )
    assert.equal(count!.all, REFERRALS)
  })

  it(
    'holds a rate limit across both nodes: a client gets the limit once, not once per node',
    { timeout: 120_000 },
    async () => {
      const LIMIT = 10
      // The counter for this route and address starts empty (other tests share the database and the address).
      await context.db.execute(sql`delete from rate_limits where key like 'GET /oruk/taxonomies|%'`)
      const nodes = [
        spawnTestServer({ WAYMARK_ORUK_RATE_LIMIT: String(LIMIT) }),
        spawnTestServer({ WAYMARK_ORUK_RATE_LIMIT: String(LIMIT) }),
      ]
      try {
        const addresses = await Promise.all(nodes.map((n) => n.address))
        const statuses: number[] = []
        for (let i = 0; i < 16; i++) statuses.push((await fetch(`${addresses[i % 2]}/oruk/taxonomies`)).status)
        // Counted in each process's memory, each node would have allowed 10: all 16 would be answered.
        assert.deepEqual(statuses, [...Array<number>(LIMIT).fill(200), ...Array<number>(16 - LIMIT).fill(429)])
      } finally {
        for (const node of nodes) node.child.kill('SIGTERM')
        await Promise.all(nodes.map((n) => exitOf(n.child)))
      }
    },
  )
})
