// SPDX-License-Identifier: AGPL-3.0-or-later
// Jobs on several app nodes (issue 15): every node starts pg-boss on the same database, works every queue and
// schedules every daily job, as `npm start` does on each machine behind a load balancer. Two job runners here
// stand for two nodes: a job sent from either runs once, on one of them, and a schedule both nodes set runs
// once a tick, not once per node.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { pino } from 'pino'
import { startJobs, type Jobs } from './jobs.ts'

const url = process.env['DATABASE_URL']
if (!url) throw new Error('DATABASE_URL is not set: run this through npm test')

const log = pino({ level: 'silent' })
const NODES = 2

describe('jobs on several nodes', () => {
  let nodes: Jobs[] = []
  before(async () => {
    nodes = await Promise.all(Array.from({ length: NODES }, () => startJobs(url, log)))
  })
  after(async () => {
    await Promise.all(nodes.map((node) => node.stop()))
  })

  it('runs each job once, whichever node sent it, and both nodes take a share', { timeout: 120_000 }, async () => {
    const queue = `test.once-${Date.now()}`
    const JOBS = 24
    const runs = new Map<number, number[]>()
    let done: () => void
    const allRan = new Promise<void>((resolve) => (done = resolve))
    await Promise.all(
      nodes.map((node, index) =>
        node.work<{ n: number }>(queue, async ({ n }) => {
          runs.set(n, [...(runs.get(n) ?? []), index])
          if (runs.size === JOBS) done()
        }),
      ),
    )
    await Promise.all(Array.from({ length: JOBS }, (_, n) => nodes[n % NODES]!.send(queue, { n })))
    await allRan
    // Time for a second run of any job to happen, were pg-boss to hand one out twice (a worker polls every 2 s).
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    const twice = [...runs].filter(([, ranOn]) => ranOn.length !== 1)
    assert.deepEqual(twice, [])
    assert.equal(runs.size, JOBS)
    const ranOn = new Set([...runs.values()].flat())
    assert.equal(ranOn.size, NODES, 'both nodes worked the queue')
  })

  it('runs a schedule that every node sets once a minute, not once per node', { timeout: 200_000 }, async () => {
    const queue = `test.cron-${Date.now()}`
    let runs = 0
    await Promise.all(
      nodes.map(async (node) => {
        await node.work(queue, async () => {
          runs++
        })
        await node.schedule(queue, '* * * * *')
      }),
    )
    // pg-boss looks at its schedules every 30 s and the workers poll every 2 s: two minutes cover two ticks.
    await new Promise((resolve) => setTimeout(resolve, 130_000))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      // pg-boss turns a schedule into one "send it" job per minute slot (its singleton, unique in the database),
      // and that job sends the real one. Counting slots, not the calendar minute a job was created in: under load
      // the job of one slot can be created in the next minute, beside that minute's own.
      const count = async () =>
        (
          await client.query<{ jobs: number; done: number; slots: number }>(
            `select count(*)::int as jobs, count(*) filter (where state = 'completed')::int as done,
                    (select count(distinct singleton_on)::int from pgboss.job
                      where name = '__pgboss__send-it' and singleton_key = $1) as slots
               from pgboss.job where name = $1`,
            [queue],
          )
        ).rows[0]!
      // A job the schedule made in the last moment may still be waiting for a worker's next poll.
      let counted = await count()
      for (let i = 0; i < 10 && (counted.done < counted.jobs || counted.jobs < counted.slots); i++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        counted = await count()
      }
      const { jobs, done, slots } = counted
      assert.ok(jobs >= 2, `the schedule made ${jobs} jobs in two minutes`)
      // 130 s touch at most three minute slots; one job each, not one per node.
      assert.ok(slots <= 3, `${slots} minute slots in 130 s`)
      assert.equal(jobs, slots, 'one job a minute, not one per node')
      assert.equal(done, jobs)
      assert.equal(runs, done, 'each job ran once')
    } finally {
      await client.end()
    }
  })
})
