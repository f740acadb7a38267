// SPDX-License-Identifier: AGPL-3.0-or-later
// The link worker's leaflet profile: the work contact details and photo printed on a person's plan leaflet, so
// the person, their family and other agencies know who their link worker is and how to reach them (the
// Brightlife leaflet in the Ageing Better seed).

/** Photos are small portraits; anything larger is almost certainly a camera original that needs resizing. */
export const MAX_PHOTO_BYTES = 500 * 1024

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

export const PROFILE_LIMITS = { leafletName: 100, workPhone: 30, workEmail: 254, availability: 500 } as const

export interface ProfileDetails {
  leafletName: string
  workPhone: string
  workEmail: string
  availability: string
}

export interface Photo {
  content: Buffer
  contentType: PhotoType
}

/** What happens to the stored photo when the profile is saved. */
export type PhotoChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'replace'; photo: Photo }

/** The profile as the profile page shows it. */
export interface LinkWorkerProfile extends ProfileDetails {
  userId: string
  /** The user's display name, used on leaflets until a leaflet name is set. */
  displayName: string
  hasPhoto: boolean
  /** Changes with each save, so a browser never shows a replaced photo from its cache. */
  updatedAt: Date | null
}

/** What a plan leaflet prints about the link worker; the photo travels with it for the PDF. */
export interface LeafletProfile {
  userId: string
  name: string
  workPhone: string
  workEmail: string
  availability: string
  photo: Photo | null
  /** The address of the photo for a page, with a version so a new photo is not hidden by a cache. */
  photoHref: string | null
}

/**
 * Tells a JPEG or PNG from its first bytes. The file name and the browser's content type are whatever the
 * sender says they are; the bytes are what the leaflet and the PDF library will actually read.
 */
export function detectPhotoType(content: Buffer): PhotoType | null {
  if (content.length >= 8 && content.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png'
  if (content.length >= 4 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg'
  return null
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function isPhotoType(value: string | null | undefined): value is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(value ?? '')
}

export function photoHrefFor(userId: string, updatedAt: Date | null): string {
  return `/caseload/profile/photo/${userId}${updatedAt ? `?v=${updatedAt.getTime()}` : ''}`
}
