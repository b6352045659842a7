import { createReadStream, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@windscreen/auth';

const PUBLIC_FOLDER = path.join(__dirname, 'public');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The page needs nothing from elsewhere and runs no inline script or style. */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  file: string;
  type: string;
}

/** Only the files shipped with the dashboard (and Chart.js from node_modules), looked up by name: no paths from the request. */
function dashboardAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(PUBLIC_FOLDER)) {
    const type = CONTENT_TYPES[path.extname(name)];
    if (type && name !== 'index.html') assets.set(name, { file: path.join(PUBLIC_FOLDER, name), type });
  }
  const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  assets.set('chart.umd.min.js', { file: chartJs, type: CONTENT_TYPES['.js'] });
  return assets;
}

/** The managers' dashboard: static HTML, JS and CSS; its data comes from /reports/* with the user's own token. */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardHttpController {
  private readonly assets = dashboardAssets();

  @Get()
  @Public()
  @Header('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-cache')
  page(): StreamableFile {
    return new StreamableFile(createReadStream(path.join(PUBLIC_FOLDER, 'index.html')), {
      type: CONTENT_TYPES['.html'],
    });
  }

  @Get(':file')
  @Public()
  @Header('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string): StreamableFile {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFoundException(`The dashboard has no file ${file}`);
    return new StreamableFile(createReadStream(asset.file), { type: asset.type });
  }
}
