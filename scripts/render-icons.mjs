/**
 * `node scripts/render-icons.mjs`: renders build/icon.svg with Chromium
 * (Playwright) into the PNGs the app ships, and packs the favicon:
 *
 *   build/icon.png             512×512, electron-builder's icon for every platform
 *   renderer/favicon.png       64×64, the page icon (hashed and precached by Vite)
 *   renderer/public/favicon.ico  16, 32 and 48 px PNGs in one ICO, for /favicon.ico
 *
 * Run it after changing the SVG and commit the results.
 */
import { chromium } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromiumPath } from './chromium.mjs';

const svg = await readFile('build/icon.svg', 'utf8');
// The browser the end-to-end tests use.
const executablePath = chromiumPath();
const browser = await chromium.launch(executablePath ? { executablePath } : {});
try {
  const page = await browser.newPage();
  async function render(size) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
  await writeFile('build/icon.png', await render(512));
  await writeFile('renderer/favicon.png', await render(64));
  await mkdir('renderer/public', { recursive: true });
  await writeFile('renderer/public/favicon.ico', ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await render(size) })))));
} finally {
  await browser.close();
}

/** An ICO file of PNG images (Windows Vista and every browser read these). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size % 256, entry);
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}
