/**
 * How our 837P files are addressed, from the environment:
 * - `X12_USAGE`: `test` (default: ISA15 T and Office Ally test file names) or `production`.
 * - `SUBMITTER_ID`: the submitter id Office Ally assigned (ISA06, GS02, 1000A); a practice's own
 *   `submitterId` wins. `SUBMITTER_NAME`, `SUBMITTER_PHONE` or `SUBMITTER_EMAIL`: 1000A name and contact.
 * - `OA_RECEIVER_ID`, `OA_RECEIVER_QUALIFIER`: override Office Ally's published receiver values.
 */
import { officeAllyConfig, type ClearinghouseConfig } from '../../x12/837p';

export interface X12Settings {
  usage: 'test' | 'production';
  submitterId: string;
  submitterName: string;
  submitterPhone?: string;
  submitterEmail?: string;
  receiverId?: string;
  receiverQualifier?: string;
}

export function x12SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): X12Settings {
  const usage = env.X12_USAGE ?? 'test';
  if (usage !== 'test' && usage !== 'production') throw new Error(`X12_USAGE must be "test" or "production", got "${usage}"`);
  if (usage === 'production' && !env.SUBMITTER_ID) throw new Error('SUBMITTER_ID must be set when X12_USAGE is "production"');
  return {
    usage,
    submitterId: env.SUBMITTER_ID ?? 'SUBMITTER01',
    submitterName: env.SUBMITTER_NAME ?? 'SECONDARY CLAIMS ENGINE',
    submitterPhone: env.SUBMITTER_PHONE ?? (env.SUBMITTER_EMAIL ? undefined : '8005550100'),
    submitterEmail: env.SUBMITTER_EMAIL,
    receiverId: env.OA_RECEIVER_ID,
    receiverQualifier: env.OA_RECEIVER_QUALIFIER,
  };
}

export function envelopeConfig(settings: X12Settings, practiceSubmitterId?: string | null): ClearinghouseConfig {
  const id = practiceSubmitterId || settings.submitterId;
  return officeAllyConfig(
    {
      name: settings.submitterName,
      id,
      contact: { name: settings.submitterName, phone: settings.submitterPhone, email: settings.submitterEmail },
    },
    {
      ...(settings.receiverId
        ? { receiverId: settings.receiverId, applicationReceiverCode: settings.receiverId, receiverIdentifier: settings.receiverId }
        : {}),
      ...(settings.receiverQualifier ? { receiverQualifier: settings.receiverQualifier } : {}),
    },
  );
}
