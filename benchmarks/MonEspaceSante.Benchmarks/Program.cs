using System.CommandLine;
using MonEspaceSante.Benchmarks.Measurements;
using MonEspaceSante.Benchmarks.SignIn;
using MonEspaceSante.Benchmarks.Streams;
using MonEspaceSante.Benchmarks.Waves;
using MonEspaceSante.Postgres.Streams;

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

var people = new Option<long>("--people") { Description = "People in the wave.", DefaultValueFactory = _ => 1_000_000 };
var partitions = new Option<int>("--partitions") { Description = "Fan-out partitions of the wave (WavesSettings.Partitions).", DefaultValueFactory = _ => 16 };
var pageSize = new Option<int>("--page-size") { Description = "People per page of a partition (WavesSettings.PageSize).", DefaultValueFactory = _ => 2000 };
var uploads = new Option<int>("--uploads") { Description = "Files uploaded at once (the people split between them).", DefaultValueFactory = _ => 1 };
var queues = new Option<int>("--queues") { Description = "Stream queues (partitions of the enrollment stream); default: the setting's own.", DefaultValueFactory = _ => new PostgresStreamOptions().QueueCount };
var phaseLimit = new Option<int>("--phase-limit") { Description = "Minutes after which a phase is stopped and its rate so far reported.", DefaultValueFactory = _ => 25 };
var cacheSize = new Option<int?>("--cache-size") { Description = "Events kept in each stream queue's cache (Streams:Postgres:CacheSize); default: the setting's own." };
var collectionAge = new Option<int?>("--collection-age") { Description = "Minutes an idle activation stays (GrainCollectionOptions.CollectionAge); default: Orleans' own." };
var waves = new Command("waves", "Opt-out wave: upload, notify and open N people on one silo, each phase against PostgreSQL's batched upsert of the same rows.")
{
    people, partitions, pageSize, uploads, queues, phaseLimit, collectionAge, cacheSize,
};
waves.SetAction(result => WaveBenchmark.RunAsync(new WaveRunOptions(
    result.GetValue(people), result.GetValue(partitions), result.GetValue(pageSize), result.GetValue(uploads), result.GetValue(queues),
    TimeSpan.FromMinutes(result.GetValue(phaseLimit)), result.GetValue(collectionAge) is { } age ? TimeSpan.FromMinutes(age) : null, result.GetValue(cacheSize))));

var patients = new Option<int>("--patients") { Description = "People with an open space and a glucose write consent for the app.", DefaultValueFactory = _ => 100_000 };
var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients.", DefaultValueFactory = _ => 64 };
var bundles = new Option<long?>("--bundles") { Description = "Transaction Bundles to send; default: enough for 1,000,000 readings." };
var perBundle = new Option<int>("--per-bundle") { Description = "CGM readings per Bundle (all for one patient).", DefaultValueFactory = _ => 100 };
var sendLimit = new Option<int>("--send-limit") { Description = "Minutes after which no new Bundle is sent (what was sent is reported).", DefaultValueFactory = _ => 5 };
var measurements = new Command("measurements", "Apps posting FHIR transaction Bundles of CGM readings over HTTP to the real application, until every reading is stored, against a binary COPY of the same rows.")
{
    patients, clients, bundles, perBundle, sendLimit,
};
measurements.SetAction(result => MeasurementBenchmark.RunAsync(new MeasurementRunOptions(
    result.GetValue(patients), result.GetValue(clients), result.GetValue(bundles) ?? (1_000_000 / result.GetValue(perBundle)), result.GetValue(perBundle),
    TimeSpan.FromMinutes(result.GetValue(sendLimit)))));

var readPeople = new Option<int>("--people") { Description = "People whose readings are read.", DefaultValueFactory = _ => 1000 };
var readReadings = new Option<int>("--readings") { Description = "CGM readings per person (sent by an app over HTTP first).", DefaultValueFactory = _ => 1000 };
var readSeconds = new Option<int>("--seconds") { Description = "Seconds of each load (16 and 64 connections, over HTTP and straight on PostgreSQL).", DefaultValueFactory = _ => 10 };
var fhirReads = new Command("fhir-reads", "FHIR Observation searches by the holder (a day by code and date, the last value, a page of 50) at 16 and 64 connections, against the same statements straight on PostgreSQL.")
{
    readPeople, readReadings, readSeconds,
};
fhirReads.SetAction(result => FhirReadBenchmark.RunAsync(result.GetValue(readPeople), result.GetValue(readReadings), TimeSpan.FromSeconds(result.GetValue(readSeconds))));

var signInPeople = new Option<int>("--people") { Description = "People signed in through the code flow, whose tokens the load uses.", DefaultValueFactory = _ => 2000 };
var loadSeconds = new Option<int>("--seconds") { Description = "Seconds of each load (16 and 64 connections, real tokens and tokens without rows).", DefaultValueFactory = _ => 15 };
var signIn = new Command("signin", "Signature check per token (HS256, ES256, RS256) and the patient read path with real tokens at 16 and 64 connections, against tokens checked by signature only.")
{
    signInPeople, loadSeconds,
};
signIn.SetAction(result => SignInBenchmark.RunAsync(result.GetValue(signInPeople), TimeSpan.FromSeconds(result.GetValue(loadSeconds))));

var soakPatients = new Option<int>("--patients") { Description = "People with an open space (16 of them write and read their agendas; apps write readings for all).", DefaultValueFactory = _ => 200 };
var soakPhase = new Option<int>("--phase-seconds") { Description = "Seconds of each phase: load, silo-2 killed, silo-2 back, silo-1 killed, silo-1 back.", DefaultValueFactory = _ => 30 };
var soak = new Command("soak", "Mixed traffic of every caller kind (and invalid and abusive requests) through the API tier on two silo processes, each SIGKILLed and restarted once: 429s, 503s, 500s, lost writes, p99 before, during and after each kill.")
{
    soakPatients, soakPhase,
};
soak.SetAction(result => MonEspaceSante.Benchmarks.Soak.SoakBenchmark.RunAsync(result.GetValue(soakPatients), TimeSpan.FromSeconds(result.GetValue(soakPhase))));

var noticeCount = new Option<int>("--notices") { Description = "E-mails in the outbox.", DefaultValueFactory = _ => 20_000 };
var dispatcherCount = new Option<int>("--dispatchers") { Description = "Dispatchers sharing the outbox (one per silo).", DefaultValueFactory = _ => 2 };
var noticeBatch = new Option<int>("--batch") { Description = "Notices a dispatcher claims at a time (one SMTP connection).", DefaultValueFactory = _ => 50 };
var noticeConnections = new Option<int>("--connections") { Description = "SMTP connections of each dispatcher (Notices:Delivery:Email:Connections).", DefaultValueFactory = _ => 4 };
var notices = new Command("notices", "The notice dispatcher e-mailing an outbox to an SMTP server in the same process, against MailKit sending the same messages with no outbox.")
{
    noticeCount, dispatcherCount, noticeBatch, noticeConnections,
};
notices.SetAction(result => MonEspaceSante.Benchmarks.Notices.NoticeBenchmark.RunAsync(result.GetValue(noticeCount), result.GetValue(dispatcherCount), result.GetValue(noticeBatch), result.GetValue(noticeConnections)));

var erasurePeople = new Option<int>("--people") { Description = "People whose early erasure is due (as many again are deleted plainly for the ceiling).", DefaultValueFactory = _ => 100_000 };
var erasure = new Command("erasure", "The nightly erasure job (each person's grain asked, every person table, contents freed, tombstones) against a plain DELETE of the same rows of as many people.")
{
    erasurePeople,
};
erasure.SetAction(result => MonEspaceSante.Benchmarks.Erasure.ErasureBenchmark.RunAsync(result.GetValue(erasurePeople)));

var root = new RootCommand("Mon espace santé benchmarks. Each starts its own PostgreSQL 15 server (durable settings) and one silo (the soak: two silo processes and the API tier).")
{
    streams, waves, measurements, fhirReads, signIn, soak, notices, erasure,
};
return await root.Parse(args).InvokeAsync();
