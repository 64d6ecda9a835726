// Package actorgraph is the domain of the actor-relationship graph: actors
// (leaders, governments, mediators, officials, …), the directed, typed and
// evidenced relationships between them, paths and subgraphs, the Graph
// every other package uses and the Driver contract both storage engines
// fulfil behind it, and the sentinel errors every layer
// shares.
//
// Read it in this order: actor.go, relationship.go, graph.go, driver.go, errors.go,
// search.go (the ranking both stores use for name search).
//
// Every relationship in the shipped dataset carries a verbatim quote from its
// source (Evidence), a CAMEO event code and Goldstein score where it is an
// event, and a Modality, because "offered to host" and "threatened
// sanctions" did not (yet) happen.
package actorgraph
