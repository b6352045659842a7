import type { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { CaseJourneyModule } from '@windscreen/case-journey';
import { RouteInvoker } from '../route-invoker';
import { TRANSITIONS } from './transitions';

/** Every POST route of the case journey's controllers under a case or a family, as "Controller.method". */
function commandRoutesOfACase(): string[] {
  const controllers = (Reflect.getMetadata('controllers', CaseJourneyModule) as Type[] | undefined) ?? [];
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype)
      .filter((method) => Reflect.getMetadata(METHOD_METADATA, controller.prototype[method]) === RequestMethod.POST)
      .filter((method) =>
        /^(cases\/:caseId|families\/:familyId)/.test(
          `${base}/${Reflect.getMetadata(PATH_METADATA, controller.prototype[method])}`.replace(/^\/+/, ''),
        ),
      )
      .map((method) => `${controller.name}.${method}`);
  });
}

describe('TRANSITIONS: a page for every step the API offers on a case', () => {
  it('Given the command routes of a case or its family, When listed, Then each has exactly one form, and every form a route with a request DTO', () => {
    const routes = commandRoutesOfACase();
    expect(routes.length).toBeGreaterThan(30);
    const forms = TRANSITIONS.map((transition) => `${transition.controller.name}.${transition.method}`);
    expect([...forms].sort()).toEqual([...routes].sort());
    for (const transition of TRANSITIONS)
      expect(RouteInvoker.dtoOf(transition.controller, transition.method)).toBeDefined();
    expect(new Set(TRANSITIONS.map((transition) => transition.slug)).size).toBe(TRANSITIONS.length);
  });
});
