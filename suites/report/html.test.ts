import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHtml } from '../../harness/report/html.js';
import { chromiumMissing, loadPage } from './chromium.js';
import { largeReport, mixedReport } from './factory.js';

/**
 * Script appended by one test only: it clicks the hang scenario's primary-profile cell and
 * records on the body whether the evidence dialog opened and what it showed.
 */
const CLICK_PROBE = `<script>
const cell = document.querySelector('a[data-evidence][data-title="hang.ext.sigkill: avf-2022-02-03"]');
cell.click();
const dialog = document.getElementById('evidence-dialog');
document.body.dataset.dialogOpen = String(dialog.open);
document.body.dataset.dialogTitle = dialog.querySelector('h2').textContent;
document.body.dataset.dialogHasConsole = String(dialog.textContent.includes('boot\\u2400ok'));
document.body.dataset.selectedProfile = dialog.querySelector('tr.selected').dataset.profile;
</script>
</body>`;

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'html-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function savePage(name: string, html: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, html);
  return path;
}

describe('buildHtml', () => {
  test('page is self-contained', () => {
    const html = buildHtml(mixedReport());
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  test('guest markup is escaped', () => {
    const html = buildHtml(mixedReport());
    expect(html).toContain(
      '&lt;/pre&gt;&lt;/details&gt;&lt;/script&gt;&lt;script&gt;',
    );
    expect(html).toContain(
      '&lt;img src=x onerror=&quot;console.error(1)&quot;&gt;',
    );
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
  });

  test('matrix rows are coloured by verdict', () => {
    const html = buildHtml(mixedReport());
    expect(html).toContain('<tr class="v-unexpected"><th scope="row">');
    expect(html).toContain('<tr class="v-expected-divergence">');
    expect(html).toContain(
      '<td class="differs" title="differs from the primary profile">',
    );
  });

  test('every cell links to evidence', () => {
    const html = buildHtml(mixedReport());
    const links = html.match(/data-evidence="evidence-\d+"/g) ?? [];
    // Per scenario: the id cell, the exit cell and one cell per profile.
    expect(links).toHaveLength(4 * (2 + 3));
    expect(
      html.match(/<details class="evidence-entry" id="evidence-\d+">/g),
    ).toHaveLength(4);
  });
});

describe.skipIf(chromiumMissing !== undefined)(
  'conformance.html in Chromium',
  () => {
    test('renders with no console messages', async () => {
      const page = await loadPage(
        await savePage('mixed.html', buildHtml(mixedReport())),
      );
      expect(page.consoleLines).toEqual([]);
      expect(page.dom).toContain('data-ready="true"');
    });

    test('large run renders cleanly', async () => {
      const page = await loadPage(
        await savePage('large.html', buildHtml(largeReport(200, 300))),
      );
      expect(page.consoleLines).toEqual([]);
      expect(page.dom).toContain('data-ready="true"');
    });

    test('cell click opens the evidence dialog', async () => {
      const html = buildHtml(mixedReport()).replace('</body>', CLICK_PROBE);
      const page = await loadPage(await savePage('click.html', html));
      expect(page.consoleLines).toEqual([]);
      expect(page.dom).toContain('data-dialog-open="true"');
      expect(page.dom).toContain(
        'data-dialog-title="hang.ext.sigkill: avf-2022-02-03"',
      );
      expect(page.dom).toContain('data-dialog-has-console="true"');
      expect(page.dom).toContain('data-selected-profile="avf-2022-02-03"');
    });

    test('console errors are detected', async () => {
      const html =
        '<!doctype html><title>t</title><script>console.error("seen");</script>';
      const page = await loadPage(await savePage('error.html', html));
      expect(page.consoleLines.join('\n')).toContain('"seen"');
    });
  },
);

if (chromiumMissing !== undefined) console.log(chromiumMissing);
