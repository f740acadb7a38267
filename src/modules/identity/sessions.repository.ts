// SPDX-License-Identifier: AGPL-3.0-or-later
// Sessions: created at sign-in, read on every signed-in request (one prepared query joining the user, their
// membership and organisation), touched at most once a minute, and deleted at sign-out or expiry.
import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../platform/db/database.ts'
import { memberships, organisations, sessions, users } from './identity.table.ts'

// ---- Sessions ----

export async function insertSession(
  db: Queryable,
  values: { id: string; userId: string; organisationId: string | null; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(values)
}

export interface SessionActorRow {
  sessionId: string
  userId: string
  email: string
  displayName: string
  organisationId: string | null
  organisationName: string | null
  organisationType: string | null
  areaId: string | null
  roles: string[] | null
  lastSeenAt: Date
  membershipCount: number
}

function sessionActorQuery(db: Database) {
  return (
    db
      .select({
        sessionId: sessions.id,
        userId: users.id,
        email: users.email,
        displayName: users.displayName,
        organisationId: organisations.id,
        organisationName: organisations.name,
        organisationType: organisations.type,
        areaId: organisations.areaId,
        roles: memberships.roles,
        lastSeenAt: sessions.lastSeenAt,
        membershipCount: sql<number>`(select count(*)::int from ${memberships} m where m.user_id = ${users.id})`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(
        memberships,
        and(eq(memberships.userId, sessions.userId), eq(memberships.organisationId, sessions.organisationId)),
      )
      .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(
        and(
          eq(sessions.id, sql.placeholder('sessionId')),
          gt(sessions.expiresAt, sql.placeholder('now')),
          gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
          isNull(users.disabledAt),
        ),
      )
      .limit(1)
      // Unnamed: the embedded database serves every pool connection from one backend, where a named
      // statement prepared by one connection collides with the next connection's.
      .prepare('')
  )
}

// Every signed-in request runs this first, so its SQL is built once per database handle rather than per request.
const sessionActorQueries = new WeakMap<Database, ReturnType<typeof sessionActorQuery>>()

/**
 * Resolves a live session to its person and active membership in one indexed query. Roles are read
 * from the membership on every request so that a revoked role takes effect at once.
 */
export async function findSessionActor(
  db: Database,
  sessionId: string,
  now: Date,
  idleSince: Date,
): Promise<SessionActorRow | undefined> {
  let query = sessionActorQueries.get(db)
  if (!query) {
    query = sessionActorQuery(db)
    sessionActorQueries.set(db, query)
  }
  const [row] = await query.execute({ sessionId, now, idleSince })
  return row
}

export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId))
}

export async function setSessionOrganisation(db: Queryable, sessionId: string, organisationId: string): Promise<void> {
  await db.update(sessions).set({ organisationId }).where(eq(sessions.id, sessionId))
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}

export async function deleteOtherSessions(db: Queryable, userId: string, keepSessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })
  return rows.length
}
