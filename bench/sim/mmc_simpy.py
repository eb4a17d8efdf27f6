"""The M/M/c queue of bench/sim/mmc_bench.cpp written for SimPy 2.3 (Debian's
python3-simpy: the old API, `from SimPy.Simulation import *`). Prints one JSON line.

usage: /usr/bin/python3 mmc_simpy.py [customers=200000] [c=2] [rho=0.8] [seed=1]
"""
import json
import random
import sys
import time

from SimPy.Simulation import (Monitor, Process, Resource, activate, hold, initialize,
                              now, release, request, simulate)


class Customer(Process):
    def visit(self, server, mu, waits):
        arrived = now()
        yield request, self, server
        waits.observe(now() - arrived)
        yield hold, self, random.expovariate(mu)
        yield release, self, server


class Source(Process):
    def generate(self, n, lam, mu, server, waits):
        for _ in range(n):
            c = Customer()
            activate(c, c.visit(server, mu, waits))
            yield hold, self, random.expovariate(lam)


def main():
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 200000
    c = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    rho = float(sys.argv[3]) if len(sys.argv) > 3 else 0.8
    random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    mu = 1.0
    lam = rho * c * mu
    t0 = time.perf_counter()
    initialize()
    server = Resource(capacity=c, monitored=False)
    waits = Monitor()
    src = Source()
    activate(src, src.generate(n, lam, mu, server, waits))
    simulate(until=1e18)
    s = time.perf_counter() - t0
    # Counted like the C++ side: one arrival and one departure per customer.
    events = 2 * waits.count()
    print(json.dumps({"engine": "simpy " + __import__("SimPy").__version__,
                      "customers": waits.count(), "events": events, "seconds": round(s, 4),
                      "events_per_second": round(events / s), "wq": round(waits.mean(), 5)}))


if __name__ == "__main__":
    main()
