// Finds the service a request is for. A signed request names its service in
// the SigV4 credential scope; an unsigned one (presigned URLs aside) is
// matched against each service's routes in registration order, so the
// catch-all S3 path-style routes must be registered last.
import type { RawRequest } from '../protocol/http-types.ts';
import type { RoutedRequest } from '../protocol/codecs/server-protocol.ts';
import { peekScope } from '../identity/sigv4/parse.ts';
import type { ServiceDefinition } from './service-definition.ts';

export interface Resolution {
  service: ServiceDefinition;
  routed?: RoutedRequest;
}

export class ServiceRegistry {
  private readonly bySigningName = new Map<string, ServiceDefinition>();
  private readonly ordered: ServiceDefinition[] = [];

  register(service: ServiceDefinition): void {
    if (this.bySigningName.has(service.model.signingName)) {
      throw new Error(`Two services sign as ${service.model.signingName}`);
    }
    this.bySigningName.set(service.model.signingName, service);
    this.ordered.push(service);
  }

  get services(): readonly ServiceDefinition[] {
    return this.ordered;
  }

  /** The service that signs as `signingName` (e.g. iotanalytics). */
  bySigning(signingName: string): ServiceDefinition | undefined {
    return this.bySigningName.get(signingName);
  }

  resolve(req: RawRequest): Resolution | undefined {
    const scope = peekScope(req);
    const signed = scope && this.bySigningName.get(scope.service);
    if (signed) return { service: signed, routed: signed.protocol.route(req) };
    for (const service of this.ordered) {
      const routed = service.protocol.route(req);
      if (routed) return { service, routed };
    }
    const addressed = this.ordered.find((service) => service.protocol.addresses?.(req));
    return addressed && { service: addressed };
  }
}
