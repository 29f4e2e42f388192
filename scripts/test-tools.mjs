#!/usr/bin/env node
// Before `npm test`: the Debian tools the tests drive must be on this machine. As root they are installed with
// apt-get; otherwise the run stops at once, naming the one command to run. Nothing is skipped for lack of a tool.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each tool the tests run, the file that proves it is installed, the Debian package that brings it, and why. */
export const TEST_TOOLS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'page tests in headless Chromium' },
  { bin: '/usr/bin/qpdf', pkg: 'qpdf', why: 'structure check of the Factur-X PDFs written' },
  { bin: '/usr/bin/pdfinfo', pkg: 'poppler-utils', why: 'text, fonts and attachments of the PDFs written' },
  { bin: '/usr/sbin/dovecot', pkg: 'dovecot-imapd', why: 'IMAP mailbox of the acts tests (answers of the ministry)' },
  { bin: '/usr/bin/xmlsec1', pkg: 'xmlsec1', why: 'independent check of the XAdES signatures of PES bordereaux' },
  { bin: '/usr/sbin/clamd', pkg: 'clamav-daemon', why: 'antivirus scan of tender files (clamd, EICAR test signature)' },
  { bin: '/usr/bin/tar', pkg: 'tar', why: 'the .tar.gz invoice lots of the Chorus client contract tests' },
];

const missing = TEST_TOOLS.filter((tool) => !existsSync(tool.bin));
if (missing.length > 0) {
  const packages = [...new Set(missing.map((tool) => tool.pkg))];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  for (const tool of missing) console.error(`[test-tools] missing ${tool.bin} (${tool.pkg}): ${tool.why}`);
  if (process.getuid?.() !== 0) {
    console.error(`[test-tools] run as root, then npm test again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.error(`[test-tools] installing ${packages.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0 || TEST_TOOLS.some((tool) => !existsSync(tool.bin))) {
    console.error(`[test-tools] installation failed; run: ${command}`);
    process.exit(1);
  }
}
