// Preload entry (sandboxed): exposes window.kiosk and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeKioskApi } from './kiosk-api';

exposeKioskApi(contextBridge, ipcRenderer);
