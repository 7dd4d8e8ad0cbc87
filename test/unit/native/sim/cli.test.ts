// The sim:card command line: argument checking (the process itself: test/system/native/sim/cli.test.ts).
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../../../native/sim/cli';

describe('parseCliArgs', () => {
  it('has defaults: slot 0, a physical card, loopback', () => {
    expect(parseCliArgs([])).toEqual({ slot: 0, host: '127.0.0.1', card: 'physical', help: false });
  });

  it('reads every option', () => {
    expect(
      parseCliArgs([
        '--slot',
        '1',
        '--card',
        'android',
        '--pin',
        '9876',
        '--sign-password',
        'PASS99',
        '--serial',
        '0x1F',
        '--latency',
        '250',
        '--holder-name',
        '試験 花子',
        '--state-file',
        '/tmp/card.json',
      ]),
    ).toEqual({
      slot: 1,
      host: '127.0.0.1',
      card: 'android',
      pin: '9876',
      signPassword: 'PASS99',
      serialNumber: 0x1fn,
      latencyMs: 250,
      holderName: '試験 花子',
      stateFile: '/tmp/card.json',
      help: false,
    });
  });

  it.each([
    [['--slot', '2'], /--slot must be 0 or 1/],
    [['--card', 'plastic'], /--card must be one of physical, android/],
    [['--pin', '12a4'], /--pin must be 4 digits/],
    [['--sign-password', 'short'], /--sign-password/],
    [['--serial', 'xyz'], /--serial must be a positive hexadecimal/],
    [['--serial', '0'], /--serial must be a positive hexadecimal/],
    [['--latency=-5'], /--latency must be whole milliseconds/],
    [['--latency', '1.5'], /--latency must be whole milliseconds/],
    [['--colour', 'red'], /Unknown option/],
    [['extra'], /positional/i],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});
