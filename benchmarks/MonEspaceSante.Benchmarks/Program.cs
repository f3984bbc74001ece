using System.CommandLine;
using MonEspaceSante.Benchmarks.Streams;

var streamsCount = new Option<int>("--streams") { Description = "Distinct streams.", DefaultValueFactory = _ => 10_000 };
var perStream = new Option<int>("--per-stream") { Description = "Events per stream.", DefaultValueFactory = _ => 10 };
var producers = new Option<int>("--producers") { Description = "Concurrent producers.", DefaultValueFactory = _ => 1000 };
var memory = new Option<bool>("--memory") { Description = "Use memory streams instead (not durable): Orleans' own delivery rate on this machine, for reference." };
var noConsumer = new Option<bool>("--no-consumer") { Description = "Produce to a namespace nobody consumes (measures the producing side)." };
var deliveryBatch = new Option<int>("--delivery-batch") { Description = "Events of one stream delivered per consumer call when waiting.", DefaultValueFactory = _ => 1 };
var eventsPerCall = new Option<int>("--events-per-call") { Description = "Events per produce call (OnNextBatchAsync above 1), as a device sends a bundle of readings.", DefaultValueFactory = _ => 1 };
var streams = new Command("streams", "Durable streams: produce-to-consume events/s with many streams, against PostgreSQL's multi-row INSERT ceiling.")
{
    streamsCount, perStream, producers, memory, noConsumer, deliveryBatch, eventsPerCall,
};
streams.SetAction(result => StreamBenchmark.RunAsync(result.GetValue(streamsCount), result.GetValue(perStream), result.GetValue(producers), result.GetValue(memory), result.GetValue(noConsumer), result.GetValue(deliveryBatch), result.GetValue(eventsPerCall)));

var root = new RootCommand("Mon espace santé benchmarks. Each starts its own PostgreSQL 15 server (durable settings) and one silo.")
{
    streams,
};
return await root.Parse(args).InvokeAsync();
