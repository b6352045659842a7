import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { CUSTOM_ROUTE_ARGS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALLOWED_ROLES } from '@windscreen/auth';
import type { Actor, Role } from '@windscreen/identity';
import { createValidationPipe } from '@windscreen/http';
import { actingAs } from './session/web-session.guard';

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: (PipeTransform | Type<PipeTransform>)[];
  factory?: (data: unknown, context: ExecutionContextHost) => unknown;
}

export interface RouteCall {
  request: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  /** Path parameters by name (caseId, familyId, escalationId, decisionId). */
  params?: Record<string, string>;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/**
 * Runs one of the API's routes in process, exactly as the API would after its guard: the same
 * controller method (so the same command or query, with the same mapping), the same request DTO
 * and validation, the same role rule (@Roles), with the signed-in actor. Nothing goes over HTTP.
 */
@Injectable()
export class RouteInvoker {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly reflector: Reflector,
  ) {}

  /** The request DTO of the route's @Body() (or @Query()). */
  static dtoOf(controller: Type, method: string, kind: 'body' | 'query' = 'body'): Type | undefined {
    const wanted: number = kind === 'body' ? RouteParamtypes.BODY : RouteParamtypes.QUERY;
    const entry = Object.entries(routeArguments(controller, method)).find(
      ([key]) => Number(key.split(':')[0]) === wanted,
    );
    return entry ? parameterTypes(controller, method)[entry[1].index] : undefined;
  }

  /** The roles the route allows (undefined: any signed-in role). */
  rolesOf(controller: Type, method: string): Role[] | undefined {
    const handler = (controller.prototype as Record<string, () => unknown>)[method];
    return this.reflector.get<Role[] | undefined>(ALLOWED_ROLES, handler);
  }

  async call<T>(controller: Type, method: string, call: RouteCall): Promise<T> {
    const instance = this.moduleRef.get<Record<string, (...args: unknown[]) => unknown>>(controller, {
      strict: false,
    });
    const actor = actingAs(call.actor, this.rolesOf(controller, method));
    // The request as the API's guard would have left it: the actor in the role this route allows.
    const request: object = Object.assign(Object.create(call.request) as object, {
      actor,
      params: call.params ?? {},
      query: call.query ?? {},
      body: call.body ?? {},
    });
    const context = new ExecutionContextHost([request, call.reply]);
    const args = routeArguments(controller, method);
    const paramTypes = parameterTypes(controller, method);
    const values: unknown[] = [];
    for (const [key, argument] of Object.entries(args)) {
      let value: unknown;
      if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) value = argument.factory!(argument.data, context);
      else {
        const type = Number(key.split(':')[0]) as RouteParamtypes;
        if (type === RouteParamtypes.PARAM) value = argument.data ? call.params?.[argument.data] : call.params;
        else if (type === RouteParamtypes.BODY) {
          value = await this.validation.transform(call.body ?? {}, {
            type: 'body',
            metatype: paramTypes[argument.index],
          });
        } else if (type === RouteParamtypes.QUERY) {
          value = await this.validation.transform(call.query ?? {}, {
            type: 'query',
            metatype: paramTypes[argument.index],
          });
        } else if (type === RouteParamtypes.HEADERS)
          value = argument.data ? call.request.headers[argument.data.toLowerCase()] : call.request.headers;
        else if (type === RouteParamtypes.RESPONSE) value = call.reply;
        else if (type === RouteParamtypes.REQUEST) value = request;
        for (const pipe of argument.pipes ?? []) {
          if (typeof pipe === 'object' && 'transform' in pipe)
            value = await pipe.transform(value, { type: 'param', data: argument.data });
        }
      }
      values[argument.index] = value;
    }
    return (instance as Record<string, (...args: unknown[]) => Promise<T>>)[method](...values);
  }
}

/** The arguments Nest recorded for a route handler's parameters (@Body(), @Param(), ...). */
function routeArguments(controller: Type, method: string): Record<string, RouteArgument> {
  return (
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, RouteArgument> | undefined) ?? {}
  );
}

/** The declared types of a route handler's parameters, as TypeScript emitted them. */
function parameterTypes(controller: Type, method: string): Type[] {
  return (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) as Type[] | undefined) ?? [];
}
