import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './bridge';

// The only thing the preload does: expose the contract bridge as `window.desk`. contextBridge copies
// it into the page's world, so the page gets two functions and nothing it could reach through them.
contextBridge.exposeInMainWorld('desk', createDeskBridge(ipcRenderer));
