// temporal-server: the Temporal server (frontend, history, matching and worker services in one process) on
// PostgreSQL, built from go.temporal.io/server the way the Temporal CLI embeds it, for running the hub on the
// production persistence locally. A region runs a Temporal cluster or Temporal Cloud instead.
//
//	temporal-server setup [flags]   creates the databases and applies the embedded schema (idempotent)
//	temporal-server start [flags]   runs the server, registers the namespace, prints "temporal server ready on …"
//	temporal-server sql-tool ARGS   the server's own temporal-sql-tool, for anything else
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/membership/static"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // registers the postgres12 plugin
	"go.temporal.io/server/common/primitives"
	"go.temporal.io/server/temporal"
	sqltool "go.temporal.io/server/tools/sql"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/durationpb"

	schematool "go.temporal.io/server/tools/common/schema"
)

const plugin = "postgres12"

type options struct {
	pgHost, pgUser, pgPassword string
	pgPort                     int
	database, visibilityDB     string
	ip                         string
	port, shards, maxConns     int
	namespace, logLevel        string
	retentionDays              int
}

func parse(name string, args []string) options {
	var o options
	fs := flag.NewFlagSet(name, flag.ExitOnError)
	fs.StringVar(&o.pgHost, "pg-host", env("PGHOST", "127.0.0.1"), "PostgreSQL host")
	fs.IntVar(&o.pgPort, "pg-port", envInt("PGPORT", 5432), "PostgreSQL port")
	fs.StringVar(&o.pgUser, "pg-user", env("PGUSER", "postgres"), "PostgreSQL role")
	fs.StringVar(&o.pgPassword, "pg-password", env("PGPASSWORD", ""), "PostgreSQL password (or PGPASSWORD)")
	fs.StringVar(&o.database, "db", "temporal", "database of the history, tasks and namespaces")
	fs.StringVar(&o.visibilityDB, "visibility-db", "temporal_visibility", "database of the visibility records")
	fs.StringVar(&o.ip, "ip", "127.0.0.1", "address the services bind to")
	fs.IntVar(&o.port, "port", 7233, "frontend gRPC port")
	fs.IntVar(&o.shards, "shards", 4, "history shards (fixed for the life of the databases)")
	fs.IntVar(&o.maxConns, "max-conns", 20, "PostgreSQL connections per store")
	fs.StringVar(&o.namespace, "namespace", "default", "namespace registered at start")
	fs.IntVar(&o.retentionDays, "retention-days", 30, "retention of closed workflows in that namespace")
	fs.StringVar(&o.logLevel, "log-level", "warn", "debug, info, warn or error")
	_ = fs.Parse(args)
	return o
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: temporal-server setup|start|sql-tool [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "setup":
		err = setup(parse("setup", os.Args[2:]))
	case "start":
		err = start(parse("start", os.Args[2:]))
	case "sql-tool":
		err = sqltool.RunTool(append([]string{"temporal-sql-tool"}, os.Args[2:]...))
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "temporal-server:", err)
		os.Exit(1)
	}
}

func (o options) sql(database string) *config.SQL {
	return &config.SQL{
		PluginName:      plugin,
		DatabaseName:    database,
		ConnectAddr:     net.JoinHostPort(o.pgHost, strconv.Itoa(o.pgPort)),
		ConnectProtocol: "tcp",
		User:            o.pgUser,
		Password:        o.pgPassword,
		MaxConns:        o.maxConns,
		MaxIdleConns:    o.maxConns,
		MaxConnLifetime: time.Hour,
	}
}

// setup creates both databases when absent and brings their schema to the version embedded in this build, with
// the same tasks temporal-sql-tool's create-database, setup-schema -v 0.0 and update-schema run.
func setup(o options) error {
	logger := log.NewZapLogger(log.BuildZapLogger(log.Config{Level: o.logLevel, Format: "console"}))
	for db, schemaName := range map[string]string{
		o.database:     "postgresql/v12/temporal",
		o.visibilityDB: "postgresql/v12/visibility",
	} {
		if err := sqltool.DoCreateDatabase(o.sql(db), "postgres", logger); err != nil {
			return fmt.Errorf("creating database %s: %w", db, err)
		}
		conn, err := sqltool.NewConnection(o.sql(db), logger)
		if err != nil {
			return fmt.Errorf("connecting to %s: %w", db, err)
		}
		if _, err := conn.ReadSchemaVersion(); err != nil {
			task := schematool.NewSetupSchemaTask(conn, &schematool.SetupConfig{InitialVersion: "0.0"}, logger)
			if err := task.Run(); err != nil {
				conn.Close()
				return fmt.Errorf("versioning tables of %s: %w", db, err)
			}
		}
		update := schematool.NewUpdateSchemaTask(conn, &schematool.UpdateConfig{DBName: db, SchemaName: schemaName}, logger)
		err = update.Run()
		conn.Close()
		if err != nil {
			return fmt.Errorf("schema of %s: %w", db, err)
		}
		fmt.Printf("database %s at the schema of %s\n", db, schemaName)
	}
	return nil
}

func start(o options) error {
	conf, err := serverConfig(o)
	if err != nil {
		return err
	}
	logger := log.NewZapLogger(log.BuildZapLogger(log.Config{Level: o.logLevel, Format: "json"}))
	hosts := map[primitives.ServiceName]static.Hosts{}
	for name, service := range conf.Services {
		hosts[primitives.ServiceName(name)] = static.SingleLocalHost(net.JoinHostPort(o.ip, strconv.Itoa(service.RPC.GRPCPort)))
	}
	dyn := dynamicconfig.StaticClient{
		// As the CLI's dev server: a larger mutable-state cache, more visibility requests per second.
		dynamicconfig.HistoryCacheHostLevelMaxSize.Key():                 8096,
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
		// The hub's workflows take updates, as on the dev server it launches.
		dynamicconfig.FrontendEnableUpdateWorkflowExecution.Key():              true,
		dynamicconfig.FrontendEnableUpdateWorkflowExecutionAsyncAccepted.Key(): true,
	}
	server, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithDynamicConfigClient(dyn),
	)
	if err != nil {
		return err
	}
	if err := server.Start(); err != nil {
		return err
	}
	defer server.Stop()
	address := net.JoinHostPort(o.ip, strconv.Itoa(o.port))
	if err := registerNamespace(address, o.namespace, time.Duration(o.retentionDays)*24*time.Hour); err != nil {
		return err
	}
	fmt.Printf("temporal server ready on %s (namespace %s, PostgreSQL %s:%d/%s)\n", address, o.namespace, o.pgHost, o.pgPort, o.database)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	<-signals
	return nil
}

func serverConfig(o options) (*config.Config, error) {
	var conf config.Config
	conf.Global.Membership.MaxJoinDuration = 30 * time.Second
	conf.Global.Membership.BroadcastAddress = o.ip
	conf.Persistence.DefaultStore = "default"
	conf.Persistence.VisibilityStore = "visibility"
	conf.Persistence.NumHistoryShards = int32(o.shards)
	conf.Persistence.DataStores = map[string]config.DataStore{
		"default":    {SQL: o.sql(o.database)},
		"visibility": {SQL: o.sql(o.visibilityDB)},
	}
	httpPort, err := freePort(o.ip)
	if err != nil {
		return nil, err
	}
	conf.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        "active",
		CurrentClusterName:       "active",
		ClusterInformation: map[string]cluster.ClusterInformation{
			"active": {
				Enabled:                true,
				InitialFailoverVersion: 1,
				RPCAddress:             net.JoinHostPort(o.ip, strconv.Itoa(o.port)),
				HTTPAddress:            net.JoinHostPort(o.ip, strconv.Itoa(httpPort)),
			},
		},
	}
	conf.DCRedirectionPolicy.Policy = "noop"
	conf.Services = map[string]config.Service{}
	for _, name := range []string{"frontend", "history", "matching", "worker"} {
		var service config.Service
		service.RPC.BindOnIP = o.ip
		if name == "frontend" {
			service.RPC.GRPCPort = o.port
			service.RPC.HTTPPort = httpPort
		} else if service.RPC.GRPCPort, err = freePort(o.ip); err != nil {
			return nil, err
		}
		conf.Services[name] = service
	}
	conf.Archival.History.State = "disabled"
	conf.Archival.Visibility.State = "disabled"
	conf.NamespaceDefaults.Archival.History.State = "disabled"
	conf.NamespaceDefaults.Archival.Visibility.State = "disabled"
	conf.PublicClient.HostPort = net.JoinHostPort(o.ip, strconv.Itoa(o.port))
	return &conf, nil
}

// registerNamespace registers the namespace the hub uses, once; the real server, unlike the dev server, starts
// with none but its own system namespace.
func registerNamespace(address, namespace string, retention time.Duration) error {
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	service := workflowservice.NewWorkflowServiceClient(conn)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err = service.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
			Namespace:                        namespace,
			WorkflowExecutionRetentionPeriod: durationpb.New(retention),
			HistoryArchivalState:             enumspb.ARCHIVAL_STATE_DISABLED,
			VisibilityArchivalState:          enumspb.ARCHIVAL_STATE_DISABLED,
		})
		cancel()
		var exists *serviceerror.NamespaceAlreadyExists
		if err == nil || errors.As(err, &exists) {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("registering namespace %s: %w", namespace, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	// A namespace just registered is served once every service's namespace cache has refreshed.
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err = service.ListWorkflowExecutions(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: namespace, PageSize: 1})
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("namespace %s not served: %w", namespace, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func freePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func envInt(name string, fallback int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return fallback
}
