// The options page, in plain JavaScript: it edits the vault, {origin: {username, password}} under
// chrome.storage.local's "vault" key (the origin exact, "http://127.0.0.1:8000"), which the Go
// worker reads for every fill. Values are
// written as text (textContent), never as HTML.
'use strict';

const VAULT_KEY = 'vault';

async function readVault() {
  const items = await chrome.storage.local.get(VAULT_KEY);
  return items[VAULT_KEY] || {};
}

// addLogin saves a login for host (an exact origin), replacing the one there was.
async function addLogin(host, username, password) {
  const vault = await readVault();
  vault[host] = {username, password};
  await chrome.storage.local.set({[VAULT_KEY]: vault});
}

// removeLogin forgets the login of host (an exact origin).
async function removeLogin(host) {
  const vault = await readVault();
  delete vault[host];
  await chrome.storage.local.set({[VAULT_KEY]: vault});
}

async function render() {
  const vault = await readVault();
  const body = document.querySelector('#entries tbody');
  while (body.firstChild) body.removeChild(body.firstChild);
  for (const host of Object.keys(vault).sort()) {
    const row = document.createElement('tr');
    for (const text of [host, vault[host].username || '']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    }
    const cell = document.createElement('td');
    const remove = document.createElement('button');
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => removeLogin(host));
    cell.appendChild(remove);
    row.appendChild(cell);
    body.appendChild(row);
  }
}

document.getElementById('add').addEventListener('submit', (event) => {
  event.preventDefault();
  const f = event.target.elements;
  addLogin(f.host.value.trim(), f.username.value, f.password.value).then(() => event.target.reset());
});
chrome.storage.local.onChanged.addListener((changes) => { if (VAULT_KEY in changes) render(); });
render();

// For tests and the console.
self.vaultOptions = {addLogin, removeLogin, readVault};
