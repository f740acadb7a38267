// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ApiClient } from '../../api-clients.ts'

export interface ApiKeyRow {
  id: string
  name: string
  keyHint: string
  createdAt: Date
  lastUsed: string
  status: 'Active' | 'Revoked'
  revocable: boolean
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

function formatDateTime(date: Date): string {
  return DATE_TIME.format(date)
}

export function presentApiKeyRows(rows: readonly ApiClient[]): ApiKeyRow[] {
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    keyHint: `wmk_${row.keyPrefix}_…`,
    createdAt: row.createdAt,
    lastUsed: row.lastUsedAt ? formatDateTime(row.lastUsedAt) : 'Never',
    status: row.revokedAt ? 'Revoked' : 'Active',
    revocable: !row.revokedAt,
  }))
}
