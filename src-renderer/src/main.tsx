import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { findSection } from './app/sections';
import { useUiStore } from './app/ui-store';
import { prefetchQueue } from './features/queue/prefetch';
import { ROW_HEIGHT } from './features/queue/QueueTable';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/shell.css';
import './styles/queue.css';
import './styles/detail.css';
import './styles/sync.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The queue's first rows are the first thing asked of main, before React mounts (see prefetch.ts).
prefetchQueue(findSection(useUiStore.getState().sectionId).id, window.innerHeight, ROW_HEIGHT);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
