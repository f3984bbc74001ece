import { render } from "preact";
import { App } from "./app";
import { operatorsPage } from "./auth";
import { Operators } from "./operators";
import "./styles.css";

render(operatorsPage ? <Operators /> : <App />, document.getElementById("app")!);
