package dev.tessera.template;

import static dev.tessera.template.Templates.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Problems found when the claim is saved, with the position and a readable message. */
class SyntaxErrorTest {

    @Test
    void unclosedExpressionPointsAtItsStart() {
        TemplateSyntaxException e = syntaxError("id-${ .Client.ID");
        assertThat(e.getMessage()).isEqualTo("unclosed \"${\" (missing \"}\") at position 4");
        assertThat(e.position()).isEqualTo(4);
        assertThat(e.problem()).isEqualTo("unclosed \"${\" (missing \"}\")");
        assertThat(syntaxError("${ upper (trim .Client.Name").problem()).isEqualTo("unclosed \"${\" (missing \"}\")");
    }

    @Test
    void unknownFunctionIsNamed() {
        assertThat(syntaxError("${ uper .Client.Name }").getMessage()).isEqualTo("unknown function \"uper\" at position 4");
        assertThat(syntaxError("${ .Client.Name | uper }").getMessage())
                .isEqualTo("unknown function \"uper\" at position 19");
    }

    @Test
    void goActionsGetAnExplanation() {
        assertThat(syntaxError("${ if .Client.AllowAllScopes }").problem())
                .isEqualTo("\"if\" actions are not supported in claim templates, only expressions (try ternary or default)");
    }

    @Test
    void wrongArgumentCountIsFoundAtParseTime() {
        assertThat(syntaxError("${ trunc 5 }").getMessage())
                .isEqualTo("function \"trunc\" expects 2 arguments, got 1 at position 4");
        assertThat(syntaxError("${ .Client.Name | trunc }").problem())
                .isEqualTo("function \"trunc\" expects 2 arguments, got 1 (counting the value piped into it)");
        assertThat(syntaxError("${ uuidv4 1 }").problem()).isEqualTo("function \"uuidv4\" expects 0 arguments, got 1");
        assertThat(syntaxError("${ default }").problem()).isEqualTo("function \"default\" expects 1 to 2 arguments, got 0");
        assertThat(syntaxError("${ mul }").problem()).isEqualTo("function \"mul\" expects at least 1 argument, got 0");
        assertThat(syntaxError("${ len upper }").problem()).isEqualTo("function \"upper\" expects 1 argument, got 0");
    }

    @Test
    void unknownFieldIsRefusedWithTheValidNames() {
        assertThat(syntaxError("${ .Client.Nmae }").getMessage()).isEqualTo("unknown field \".Client.Nmae\": .Client has "
                + "ID, Name, Labels, GrantTypes, RedirectURIs, LoginURI, ResponseTypes, AllowAllScopes, CreatedAt, "
                + "UpdatedAt at position 4");
        assertThat(syntaxError("${ .AuthServer.Secret }").problem()).startsWith("unknown field \".AuthServer.Secret\": "
                + ".AuthServer has ID, Name, Description");
        assertThat(syntaxError("${ .User.Name }").problem())
                .isEqualTo("unknown field \".User.Name\": a field path starts with .AuthServer or .Client");
        assertThat(syntaxError("${ .Context.Context.Client.ID }").problem()).startsWith("unknown field");
    }

    @Test
    void incompleteOrTooLongFieldPathsAreRefused() {
        assertThat(syntaxError("${ .Client }").problem()).startsWith("\".Client\" needs a field after it, one of ID, Name");
        assertThat(syntaxError("${ .Context }").problem())
                .isEqualTo("\".Context\" needs a field after it, such as .Context.Client.Name");
        assertThat(syntaxError("${ .Client.Name.First }").problem())
                .isEqualTo("\".Client.Name.First\" is too long: .Client.Name has no fields");
        assertThat(syntaxError("${ .Client.Labels.env.x }").problem())
                .isEqualTo("\".Client.Labels.env.x\" is too long: a label value has no fields");
        assertThat(syntaxError("${ . }").problem())
                .isEqualTo("\".\" on its own is not supported; use a field path such as .Client.Name");
        assertThat(syntaxError("${ .Client. }").problem()).isEqualTo("field path ends with \".\"");
    }

    @Test
    void emptyExpressionsAndCommandsAreRefused() {
        assertThat(syntaxError("${}").getMessage()).isEqualTo("empty expression \"${}\" at position 1");
        assertThat(syntaxError("${   }").problem()).isEqualTo("empty expression \"${}\"");
        assertThat(syntaxError("${ \"x\" | }").problem()).isEqualTo("missing function after \"|\"");
        assertThat(syntaxError("${ | upper }").problem()).isEqualTo("missing value before \"|\"");
        assertThat(syntaxError("${ () }").problem()).isEqualTo("empty parentheses");
    }

    @Test
    void valuesCannotTakeArguments() {
        assertThat(syntaxError("${ .Client.Name \"x\" }").problem())
                .isEqualTo("a value is not a function and cannot take arguments");
        assertThat(syntaxError("${ \"x\" | .Client.Name }").problem())
                .isEqualTo("a value is not a function and cannot take arguments (after \"|\" a function name must follow)");
        assertThat(syntaxError("${ nil }").problem()).isEqualTo("nil is not a command");
    }

    @Test
    void misplacedTokensAreRefused() {
        assertThat(syntaxError("${ add 1 2) }").getMessage()).isEqualTo("unexpected \")\" at position 11");
        assertThat(syntaxError("${ (add 1 2 }").problem()).isEqualTo("unclosed \"(\"");
        assertThat(syntaxError("${ \"a\"\"b\" }").problem())
                .isEqualTo("unexpected literal \"b\" (arguments are separated by spaces)");
        assertThat(syntaxError("${ upper.x }").problem()).startsWith("unexpected field after \"upper\"");
        assertThat(syntaxError("${ $x }").problem()).isEqualTo("variables ($...) are not supported");
        assertThat(syntaxError("${ x := 1 }").problem()).isEqualTo("variable assignments are not supported");
        assertThat(syntaxError("${ a, b }").problem()).isEqualTo("bad character ',' after name");
        assertThat(syntaxError("${ # }").problem()).isEqualTo("unexpected character '#'");
        assertThat(syntaxError("${ .Client.Labels.app-name }").problem()).isEqualTo("bad character '-' after field "
                + "(for a label key with such characters use index .Client.Labels \"key\")");
    }

    @Test
    void errorInALaterExpressionReportsItsOwnPosition() {
        assertThat(syntaxError("${ .Client.ID }-${ bogus }").position()).isEqualTo(20);
    }

    @Test
    void tooLongSourceIsRefused() {
        String raw = "x".repeat(4097);
        assertThat(syntaxError(raw).getMessage())
                .isEqualTo("claim value is 4097 characters long, the limit is 4096 at position 4097");
    }
}
