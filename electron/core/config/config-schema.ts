// The settings file's schema: every key, its default and its limits. Errors name the bad key.
import { z } from 'zod';
import { Language, languages } from '../../common/contract';

export const KioskConfigSchema = z
  .object({
    /** Shown to staff and written to every log row, e.g. "受付1". */
    terminalName: z.string().min(1).max(64).default('受付1'),
    /** kiosk: self-service for patients; staff: the reception desk terminal. */
    mode: z.enum(['kiosk', 'staff']).default('kiosk'),
    window: z
      .object({
        /** Fullscreen kiosk window (Electron). Turn off only on a developer machine. */
        kiosk: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    reader: z
      .object({
        /** simulated: the built-in virtual card reader; pcsc: a real PC/SC reader through pcscd. */
        kind: z.enum(['simulated', 'pcsc']).default('simulated'),
        /** Only readers whose PC/SC name contains this text are used; empty = every reader. */
        nameFilter: z.string().max(128).default(''),
      })
      .strict()
      .prefault({}),
    ui: z
      .object({
        defaultLanguage: Language.default('ja'),
        languages: z
          .array(Language)
          .min(1)
          .default([...languages]),
        largeText: z.boolean().default(false),
        voice: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    webHost: z
      .object({
        /** Port of the browser host on 127.0.0.1; 0 picks a free one. */
        port: z.number().int().min(0).max(65535).default(5178),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type KioskConfig = z.output<typeof KioskConfigSchema>;
export type KioskConfigInput = z.input<typeof KioskConfigSchema>;
