import { describe, expect, it } from 'vitest';
import { runDemo, type DemoSummary } from '../../dev/demo/run-demo.js';

describe('npm run demo', () => {
  it('runs the whole flow and ends with a link that works while the simulator is kept alive', async () => {
    let transcript = '';
    let linkDuringKeepAlive: Promise<number> | undefined;
    const summary: DemoSummary = await runDemo({
      keepAliveSeconds: 2,
      write: (text) => {
        transcript += text;
        // a person trying the printed link while the demo keeps the simulator up
        const url = /curl -o export\.zip '([^']+)'/.exec(text)?.[1];
        if (url) linkDuringKeepAlive = fetch(url).then((r) => r.arrayBuffer().then(() => r.status));
      },
    });

    // the three points of view, in order
    const sections = [...transcript.matchAll(/^━━ \d+\. (\w+) · /gm)].map((m) => m[1]);
    expect(sections).toEqual(['Demo', 'Requester', 'Approver', 'Bot', 'Requester', 'Requester', 'Demo']);

    // what the requester types and sees
    expect(transcript).toContain('/gdpr-export @alice @bob');
    expect(transcript).toMatch(/┌─ GDPR chat export\n[\s\S]*People in Slack \(optional\): @Alice Martin, @Bob Nguyen/);
    expect(transcript).toContain('chat retention period are included: 3650 days'); // filled in by the look-up
    expect(transcript).toMatch(/Request `GX-[0-9A-Z]{8}` received \(reference DSAR-2026-0042\)/);

    // what the approver sees and does
    expect(transcript).toMatch(/# GDPR export approval: GX-[0-9A-Z]{8}/);
    expect(transcript).toContain('Legal basis: Data subject access request');
    expect(transcript).toContain('[ Approve ]  [ Reject ]');
    expect(transcript).toMatch(/now ends with: “✅ Approved by @Adam Approver/);

    // what the bot does, on the simulated clock
    expect(transcript).toContain('Simulating 2 days');
    expect(transcript).toMatch(/bot → Genesys: export of Alice Martin submitted/);
    expect(transcript).toMatch(/\[\+[12]d \d\d:\d\d\] Genesys: Alice Martin's export \w+ → COMPLETED/);
    expect(transcript).toMatch(/\[\+\dd \d\d:\d\d\] Slack: bot replies in the case thread in Rita Requester's DM: “The chat export of Bob Nguyen/);

    // the requester's DMs and the link
    expect(transcript).toMatch(/┌─ status message[^\n]*\n\s*│ GDPR export `GX-/);
    expect(transcript.match(/│ \[ Get download link \]/g)).toHaveLength(2);
    expect(transcript).toMatch(/Archive 1 of 1 \(http:\/\/127\.0\.0\.1:\d+\/signed\//);
    expect(summary).toMatchObject({ ok: true, downloadStatus: 200, problems: [] });
    expect(summary.archiveBytes).toBeGreaterThan(0);
    expect(summary.archiveEntries).toContain('REALTIME!messages');
    expect(transcript).toContain('REALTIME!messages');
    expect(await linkDuringKeepAlive).toBe(200);

    // no error lines, and nothing that must not be printed
    expect(transcript).toContain('Problems: none');
    expect(transcript).not.toMatch(/^\s*(bot log )?(error|warn):/im);
    expect(transcript).not.toMatch(/@(example\.com|corp\.example)/);
    expect(transcript).not.toMatch(/xoxb-|sim-secret|access_token/);

    // the simulator is gone once the demo returns
    await expect(fetch(summary.downloadUrl!)).rejects.toThrow();
  }, 60_000);
});
