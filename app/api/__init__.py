"""Everything that crosses the network: signing, rate limiting, transport, clients. No Qt."""
