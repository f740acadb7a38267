// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from './roles.ts'

/** The signed-in person making a request, in the organisation they chose at sign-in. */
export interface Actor {
  readonly sessionId: string
  readonly userId: string
  readonly email: string
  readonly displayName: string
  /** Absent until the person has chosen which of their organisations to act for. */
  readonly organisation: ActorOrganisation | null
  /** Roles held in the active organisation; empty until one is chosen. */
  readonly roles: readonly Role[]
  readonly membershipCount: number
}

export interface ActorOrganisation {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly areaId: string
}

/**
 * Resolves a session cookie's token into an actor (or null when the session is unknown or expired).
 * Supplied by the identity module so that the platform holds no domain knowledge.
 */
export type ActorResolver = (sessionToken: string) => Promise<Actor | null>
