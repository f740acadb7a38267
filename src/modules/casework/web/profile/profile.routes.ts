// SPDX-License-Identifier: AGPL-3.0-or-later
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { MAX_PHOTO_BYTES } from '../../link-worker-profile.ts'
import type { UploadedPhoto } from './profile.form.ts'
import { showPhoto, showProfile, submitProfile } from './profile.handler.ts'

const linkWorker = { roles: ['link-worker'] } as const
const colleagues = { roles: ['link-worker', 'supervisor'] } as const

/**
 * The leaflet profile pages. Uploads are parsed only in this plugin. A photo over the limit is not an error
 * here: the parser stops reading it and marks it, so the form can say so next to the field.
 */
export async function registerProfileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (pages) => {
    await pages.register(fastifyMultipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10, parts: 11 },
      async onFile(part) {
        const content = await part.toBuffer()
        const photo: UploadedPhoto = { filename: part.filename, content, tooBig: part.file.truncated }
        ;(part as unknown as { value: unknown }).value = photo
      },
    })
    pages.get('/caseload/profile', { config: { access: linkWorker } }, showProfile)
    pages.post('/caseload/profile', { config: { access: linkWorker } }, submitProfile)
    pages.get('/caseload/profile/photo/:userId', { config: { access: colleagues } }, showPhoto)
  })
}
