import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditHttpController } from './audit/audit.http.controller';
import { ManagementHttpController } from './management/management.http.controller';
import { CaseWorkHttpController } from './case-work/case-work.http.controller';
import { ChildrenPagesHttpController } from './children/children-pages.http.controller';
import { Pages } from './pages';
import { RouteInvoker } from './route-invoker';
import { WebErrorFilter } from './session/web-error.filter';
import { WebSessionGuard } from './session/web-session.guard';
import { WebSessions } from './session/web-sessions';
import { OidcSignIn } from './sign-in/oidc-sign-in';
import { SignInHttpController } from './sign-in/sign-in.http.controller';
import { WebAssetsHttpController } from './web-assets.http.controller';

/** The pages: server-rendered GOV.UK Frontend over the same commands and queries as the API. */
@Module({
  imports: [CqrsModule],
  controllers: [
    WebAssetsHttpController,
    SignInHttpController,
    CaseWorkHttpController,
    ChildrenPagesHttpController,
    AuditHttpController,
    ManagementHttpController,
  ],
  providers: [Pages, RouteInvoker, WebSessions, WebSessionGuard, WebErrorFilter, OidcSignIn],
})
export class WebModule {}
