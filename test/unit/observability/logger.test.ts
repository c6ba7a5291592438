import { CapturedLog } from '../../support/api-harness';
import { createLogger } from '../../../observability/logger';

describe('the project logger', () => {
  it("keeps its own name and redacts a patient's name in a line's payload, at any depth", () => {
    const log = new CapturedLog();
    const logger = createLogger({ name: 'worker', destination: log });
    logger.info({ name: 'Zelda Quillfeather', client: { name: 'Zelda Quillfeather', id: 'c1' } }, 'line');
    logger.child({ billId: 'b1' }).warn({ name: 'Zelda Quillfeather' }, 'child line');
    const lines = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.name)).toEqual(['worker', 'worker']);
    expect(lines[0]).toMatchObject({ payloadName: '[redacted]', client: { name: '[redacted]', id: 'c1' } });
    expect(lines[1]).toMatchObject({ billId: 'b1', payloadName: '[redacted]' });
    expect(log.text()).not.toContain('Quillfeather');
  });
});
