import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server the dev server forwards to (`npm start` listens on port 3000 by default). */
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The main chunk is the Personal Center with @solana/kit and Wallet Standard (~505 kB, ~155 kB
    // gzipped); the console and its charts load on their own. Warn when it grows past that.
    chunkSizeWarningLimit: 560,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/ipfs': { target: apiTarget },
    },
  },
});
