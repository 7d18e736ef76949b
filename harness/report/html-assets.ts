/**
 * The inline stylesheet and script of conformance.html. They are constants, never built from
 * run data, so nothing a guest prints can reach them.
 */

/** Stylesheet: the matrix coloured by verdict, evidence blocks and the evidence dialog. */
export const PAGE_STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; font-size: 14px; }
body { margin: 1.5rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 0.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #c4c4c4; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; position: sticky; top: 0; }
td a, th a { color: inherit; text-decoration: none; display: block; }
td a:hover, th a:hover, td a:focus, th a:focus { text-decoration: underline; }
tr.v-pass > *, .legend .v-pass { background: #dcf3dc; }
tr.v-expected-divergence > *, .legend .v-expected-divergence { background: #fbefc4; }
tr.v-unexpected > *, .legend .v-unexpected { background: #f6caca; }
tr.v-flaky > *, .legend .v-flaky { background: #e4d5f5; }
td.differs { outline: 2px dashed #6a4b00; outline-offset: -3px; font-weight: 600; }
body.only-failures tr.v-pass, body.only-failures tr.v-expected-divergence { display: none; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.5rem; max-height: 24rem;
  overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
details.evidence-entry { border-top: 1px solid #ddd; padding: 0.3rem 0; }
details.evidence-entry > summary { cursor: pointer; font-family: monospace; }
dialog { width: min(70rem, 92vw); max-height: 88vh; overflow: auto; }
dialog tr.selected > td { background: #fff3a0; font-weight: 600; }
dialog::backdrop { background: rgb(0 0 0 / 35%); }
.legend span { display: inline-block; padding: 0.1rem 0.5rem; margin-right: 0.4rem; }
`;

/**
 * Script: a click on a matrix cell copies that scenario's evidence block into the dialog, marks
 * the clicked profile's row in it and opens it, and the checkbox hides scenarios that met their expectation. Without the script the
 * cell links still jump to the evidence block lower on the page. On success the script sets
 * `data-ready="true"` on the body, which the page test checks.
 */
export const PAGE_SCRIPT = `
(() => {
  const dialog = document.getElementById('evidence-dialog');
  const title = dialog.querySelector('h2');
  const body = dialog.querySelector('.dialog-body');
  document.querySelector('table.matrix').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-evidence]');
    if (link === null) return;
    const source = document.getElementById(link.dataset.evidence);
    if (source === null) return;
    event.preventDefault();
    const block = source.querySelector('.evidence');
    title.textContent = link.dataset.title;
    body.replaceChildren(...Array.from(block.childNodes, (node) => node.cloneNode(true)));
    for (const row of body.querySelectorAll('tr[data-profile]')) {
      row.classList.toggle('selected', row.dataset.profile === link.dataset.profile);
    }
    dialog.showModal();
  });
  const filter = document.getElementById('only-failures');
  filter.addEventListener('change', () => {
    document.body.classList.toggle('only-failures', filter.checked);
  });
  document.body.dataset.ready = 'true';
})();
`;
