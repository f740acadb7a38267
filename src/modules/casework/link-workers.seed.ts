// SPDX-License-Identifier: AGPL-3.0-or-later
import { deflateSync } from 'node:zlib'
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import type { ProfileDetails } from './link-worker-profile.ts'
import { saveLinkWorkerProfile } from './link-workers.service.ts'

/** The demo link workers' leaflet details: work numbers from Ofcom's drama ranges, so no one real is called. */
const DEMO_PROFILES: { key: string; details: ProfileDetails; background: Rgb }[] = [
  {
    key: 'link-worker',
    details: {
      leafletName: 'Sam Okafor',
      workPhone: '01632 960 417',
      workEmail: 'sam.okafor@waymark.example',
      availability: 'Monday to Friday, 9am to 4:30pm. If I cannot answer, leave a message and I will call you back.',
    },
    background: [196, 214, 232],
  },
  {
    key: 'link-worker-2',
    details: {
      leafletName: 'Megan Reid',
      workPhone: '07700 900 318',
      workEmail: 'megan.reid@waymark.example',
      availability: 'Tuesday to Thursday, 9am to 5pm. On other days, call the team on 01632 960 100.',
    },
    background: [214, 230, 206],
  },
]

/** Gives the demo link workers leaflet profiles with a placeholder photo, so demo leaflets look real. */
export async function seedDemoLinkWorkers(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo link workers’ leaflet profiles')
  for (const profile of DEMO_PROFILES) {
    const userId = area.users.get(profile.key)
    if (!userId) continue
    const actor = {
      audit: { userId, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
      userId,
      name: 'Demo seed',
    }
    const photo = { content: placeholderPortrait(profile.background), contentType: 'image/png' as const }
    await saveLinkWorkerProfile(scope, profile.details, { kind: 'replace', photo }, actor)
  }
}

type Rgb = readonly [number, number, number]

const SIZE = 160
const FIGURE: Rgb = [84, 98, 112]

/**
 * A neutral head-and-shoulders silhouette on a coloured square, drawn as a PNG (under 1 KB) so the demo has
 * no pictures of real people and no binary files to keep. Edges are smoothed by sampling each pixel 4 times.
 */
export function placeholderPortrait(background: Rgb): Buffer {
  const inFigure = (x: number, y: number): boolean => {
    const head = (x - 80) ** 2 + (y - 62) ** 2 <= 30 ** 2
    const shoulders = y >= 104 && ((x - 80) / 58) ** 2 + ((y - 160) / 56) ** 2 <= 1
    return head || shoulders
  }
  const rows: Buffer[] = []
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 3) // filter byte 0 (none), then RGB
    for (let x = 0; x < SIZE; x += 1) {
      let covered = 0
      for (const [dx, dy] of SUBPIXELS) if (inFigure(x + dx, y + dy)) covered += 1
      for (let c = 0; c < 3; c += 1)
        row[1 + x * 3 + c] = Math.round((FIGURE[c]! * covered + background[c]! * (4 - covered)) / 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const SUBPIXELS = [
  [0.25, 0.25],
  [0.75, 0.25],
  [0.25, 0.75],
  [0.75, 0.75],
] as const

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

// zlib.crc32 needs Node 20.15; the project supports 20.11.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
