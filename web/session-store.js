// What the student has done, kept on the device (IndexedDB, this origin only) so that
// nothing is lost when the phone drops the page while they switch apps — a browser
// may discard a background tab and reload it on return: the 采集码 and the photo being
// checked (the file, or the camera frame as a PNG). Nothing here leaves the device.
const DB_NAME = 'gradphoto-session';
const STORE = 'session';
const KEY = 'current';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

// {code?: string, photo?: Blob, photoName?: string}; an empty object when nothing is kept
// or storage is unavailable (private mode): losing the backup must never break the app.
export async function loadSession() {
  try {
    return (await transact('readonly', (store) => store.get(KEY))) ?? {};
  } catch {
    return {};
  }
}

// Merges fields into what is kept (undefined removes a field).
export async function saveSession(fields) {
  try {
    const current = await loadSession();
    const next = { ...current, ...fields };
    for (const [name, value] of Object.entries(next)) if (value === undefined) delete next[name];
    await transact('readwrite', (store) => store.put(next, KEY));
  } catch {
    // Storage full or unavailable: the app still works, only without the backup.
  }
}
