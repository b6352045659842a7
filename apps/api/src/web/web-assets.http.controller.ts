import { createReadStream, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@windscreen/auth';
import { ASSETS_PATH } from './web-paths';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

interface Asset {
  file: string;
  type: string;
}

/**
 * The files the pages load, looked up by name (no path from the request reaches the file system):
 * GOV.UK Frontend's stylesheet, script, fonts and images (at /assets, where its stylesheet looks for
 * them) and the pages' own script and styles.
 */
function webAssets(): Map<string, Asset> {
  const govuk = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
  const assets = new Map<string, Asset>();
  const add = (name: string, file: string) => {
    const type = CONTENT_TYPES[path.extname(file)];
    if (type) assets.set(name, { file, type });
  };
  add('govuk-frontend.min.css', path.join(govuk, 'govuk-frontend.min.css'));
  add('govuk-frontend.min.js', path.join(govuk, 'govuk-frontend.min.js'));
  add('manifest.json', path.join(govuk, 'assets', 'manifest.json'));
  for (const folder of ['fonts', 'images']) {
    for (const name of readdirSync(path.join(govuk, 'assets', folder)))
      add(`${folder}/${name}`, path.join(govuk, 'assets', folder, name));
  }
  const own = path.join(__dirname, 'public');
  for (const name of readdirSync(own)) add(name, path.join(own, name));
  return assets;
}

@ApiExcludeController()
@Controller(ASSETS_PATH)
export class WebAssetsHttpController {
  private readonly assets = webAssets();

  @Get(':file')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  file(@Param('file') file: string): StreamableFile {
    return this.send(file);
  }

  @Get(':folder/:file')
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  nested(@Param('folder') folder: string, @Param('file') file: string): StreamableFile {
    return this.send(`${folder}/${file}`);
  }

  private send(name: string): StreamableFile {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`There is no asset ${name}`);
    return new StreamableFile(createReadStream(asset.file), { type: asset.type });
  }
}
