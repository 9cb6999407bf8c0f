import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Every file the console needs lives under /console/ (assets included), so the only other paths it claims on a
// host are the public pages themselves: /, /track/{code}, /rankings, /bulletins.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The charts and the admin widgets are large; each page is its own chunk, so the public pages load neither.
    chunkSizeWarningLimit: 1_500,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev -w @ledger/console` beside `npm start`: the API calls go to the running ledger.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
