/** The renderer's entry: theme first (no flash of the wrong colours), then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { applyTheme, readStoredTheme } from './ui/theme.ts';
import './styles.css';

applyTheme(readStoredTheme());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
